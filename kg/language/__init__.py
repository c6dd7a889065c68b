"""The language layer every stage below the reader stands on: a language's profile from its rules file
(stopwords, abbreviations, role heads), text folding, sentence splitting, verb forms and role mentions.

Nothing here knows a word of any language: the words are in kg/rules/<lang>.yaml."""
