"""Sectors named as such, credentials named by their kind, a profession's own body and the kinds a rule binds (issue
#14, branch edu): the frames that introduce a workplace, a qualification or a governing body in any domain. Every
sentence was written for these tests; labels are compared lower-cased, alternatives included."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from tests.test_extract import facts_of


class Case(NamedTuple):
    title: str
    lang: str
    kind: str
    text: str
    expect: frozenset[str] = frozenset()  # all of these labels
    absent: frozenset[str] = frozenset()  # none of these labels
    absent_parts: tuple[str, ...] = ()  # no label holds any of these words


CASES = {
    # ------------------------------------------------------------ industries
    "sectors_a_sentence_names_en": Case(
        "Sound Engineer", "en", "industry",
        "Our fastest-growing sectors are agritech, veterinary diagnostics and pet insurance. Sectors recruiting hardest "
        "this winter: ski resorts, ferry operators and the care sector. The industry is live events, which overlaps "
        "with broadcasting and tourism.",
        frozenset({"agritech", "veterinary diagnostics", "pet insurance", "ski resorts", "ferry operators", "care sector",
                   "live events", "broadcasting", "tourism"}), absent_parts=("our ", "fastest")),
    "no_sector_from_what_the_industry_is_like_en": Case(
        "Croupier", "en", "industry",
        "The industry is growing fast. The sectors are regulated by the Gambling Commission. Our busiest sector is small.",
        absent=frozenset({"growing fast", "regulated by the gambling commission", "our busiest", "busiest"})),
    "posts_are_in_and_followed_by_en": Case(
        "Barista", "en", "industry", "Most posts are in boutique hotels and country pubs, followed by golf clubs and spas.",
        frozenset({"boutique hotels", "country pubs", "golf clubs", "spas"})),
    "mining_named_alone_en": Case(
        "Surveyor", "en", "industry", "Surveyors find work in construction, mining and local government.",
        frozenset({"mining and quarrying"})),
    "what_the_sector_comprises_it": Case(
        "Giardiniere", "it", "industry",
        "Il settore comprende vivai, garden center e manutenzione del verde; il lavoro è stagionale. Il settore comprende "
        "anche molte piccole imprese familiari.",
        frozenset({"vivai", "garden center", "manutenzione del verde"}), absent_parts=("piccole imprese",)),
    "where_the_sentence_opens_and_the_title_one_works_as_it": Case(
        "Educatore", "it", "industry",
        "Nelle scuole private l'educatore è inquadrato nel contratto del settore. Lavora spesso come libero "
        "professionista per agenzie di viaggio e alberghi. Pochi sono assunti direttamente dalle compagnie.",
        frozenset({"agenzie di viaggio", "alberghi", "istruzione"}), frozenset({"compagnie"})),  # a generic head alone
    "employers_one_works_for_en": Case(
        "Lifeguard", "en", "industry",
        "Lifeguards work for leisure trusts, holiday parks and water sports centres, as well as private swim schools. "
        "Some work for long hours in summer and work for private clients.",
        frozenset({"leisure trusts", "holiday parks", "water sports centres", "private swim schools"}),
        absent_parts=("hours", "clients")),
    "a_head_two_modifiers_share_en": Case(
        "Bus Driver", "en", "industry", "Employers include bus operators, county and district councils and schools.",
        frozenset({"bus operators", "county and district councils", "schools"})),
    "employers_one_works_for_it": Case(
        "Perito agrario", "it", "industry",
        "I periti lavorano per consorzi agrari, organizzazioni di categoria, industria conserviera e per le ASL. Qualcuno "
        "lavora per molte ore e lavora per clienti privati.",
        frozenset({"consorzi agrari", "organizzazioni di categoria", "industria conserviera", "asl"}),
        absent_parts=("ore", "clienti")),
    "a_sector_head_one_or_shared_en": Case(
        "Petroleum Engineer", "en", "industry",
        "Petroleum engineers work in the oil and gas industry. Petroleum engineers also work across the mining and "
        "quarrying sectors, and some petroleum engineers move to the water and sewerage industries.",
        frozenset({"oil and gas", "water", "sewerage"}), absent_parts=("gas industry",)),
    "a_vocabulary_form_with_a_conjunction_stays_whole_en": Case(
        "Petroleum Engineer", "en", "industry", "Petroleum engineers work in oil and gas. Most are employed in oil and gas and in mining.",
        frozenset({"oil and gas", "mining and quarrying"}), frozenset({"oil", "gas"})),
    "a_workplace_list_goes_on_past_an_example_and_an_acronym_it": Case(
        "Assistente sociale", "it", "industry",
        "L'assistente sociale lavora nei consultori, negli enti locali come il Comune di Roma, nelle ASL e negli ospedali.",
        frozenset({"consultori", "asl", "ospedali"}), absent_parts=("roma",)),
    # ------------------------------------------------------------ qualifications
    "a_licence_to_drive_is_a_credential_en": Case(
        "Delivery Driver", "en", "qualification",
        "Drivers need a full UK driving licence and a valid Texas driver's license; yard staff hold a forklift licence. "
        "Long-haul routes need a Class C commercial driver's license (CDL). Electricians also need a state license.",
        frozenset({"full uk driving licence", "valid texas driver's license", "forklift licence",
                   "class c commercial driver's license"}), frozenset({"state license"})),
    "a_licence_to_practise_stays_a_regulation_en": Case(
        "Delivery Driver", "en", "regulation",
        "Drivers need a full UK driving licence and a valid Texas driver's license. Electricians also need a state license.",
        frozenset({"state license"}), absent_parts=("driving", "driver")),
    "certificates_named_by_what_they_certify_en": Case(
        "Deckhand", "en", "qualification",
        "Most deckhands hold a basic sea survival certificate and a powerboat handling certificate. Crane operators need "
        "a two-year slinger signaller certificate and a lifting supervisor (LS) certificate. Bring your birth "
        "certificate and a gas safety certificate for the flat.",
        frozenset({"basic sea survival certificate", "powerboat handling certificate", "slinger signaller certificate",
                   "lifting supervisor (ls) certificate"}), frozenset({"birth certificate", "gas safety certificate"})),
    "no_certificate_from_a_clause_en": Case(
        "Museum Guide", "en", "qualification",
        "The honest answer is certification. Candidates need a certain school leaving certificate.",
        absent_parts=("honest", "answer", "certain")),
    "kinds_of_training_en": Case(
        "Security Guard", "en", "qualification",
        "New guards complete induction training and conflict training, then refresher training every year. Cleaners "
        "also get COSHH training. The supervisor delivers induction training to new starters. Apprentices attend the "
        "NVQ Training Centre twice a week.",
        frozenset({"induction training", "refresher training", "coshh training"}),
        frozenset({"conflict training", "nvq training"})),  # a kind the rule does not know stays unread
    "a_programme_one_completes_or_applies_to_en": Case(
        "Midwife", "en", "qualification",
        "Most midwives start by applying to a midwifery degree programme. Completion of an accredited dental hygiene "
        "program in oral health is required. Staff attend the same course every spring.",
        frozenset({"midwifery degree programme", "accredited dental hygiene program in oral health"}),
        absent_parts=("same",)),
    "ratings_endorsements_and_named_courses_en": Case(
        "Skipper", "en", "qualification",
        "Most skippers add a night sailing endorsement and a tidal waters rating. The café has a five-star hygiene rating "
        "and an ESRB rating on its menu app. The Floristry and Event Design Level 2 apprenticeship takes a year; many "
        "first take an RHS Practical Horticulture course or join the Graduate Entry Programme (GEP). Others take an ABC "
        "Board-approved course or a City and Guilds Level 2 or 3 course.",
        frozenset({"night sailing endorsement", "tidal waters rating", "floristry and event design level 2 apprenticeship",
                   "rhs practical horticulture course", "graduate entry programme"}),
        frozenset({"five-star hygiene rating", "hygiene rating", "esrb rating", "abc board-approved course", "3 course"})),
    "a_course_by_what_it_teaches_it": Case(
        "Sommelier", "it", "qualification",
        "Conviene seguire qualche corso di tecniche di degustazione. Chi ha frequentato il corso per la conduzione di "
        "carrelli elevatori è avvantaggiato. Nel corso della carriera si cambia spesso reparto. Ogni tre anni va "
        "frequentato il corso di aggiornamento obbligatorio previsto dalla legge regionale 5/2010.",
        frozenset({"corso di tecniche di degustazione", "corso per la conduzione di carrelli elevatori"}),
        absent_parts=("corso della carriera", "obbligatorio")),  # a compulsory course is a regulation's
    "a_degree_in_either_field_en": Case(
        "Food Technologist", "en", "qualification",
        "Most labs ask for a bachelor's degree in food science or chemistry. A degree in biology and microbiology is "
        "welcome. Planners hold a master's degree in rural or coastal planning. Analysts need a degree in statistics, "
        "economics or finance.",
        frozenset({"bachelor's degree in chemistry", "bachelor's degree in food science", "degree in biology",
                   "degree in microbiology", "master's degree in rural or coastal planning",
                   "degree in statistics, economics or finance"}),
        frozenset({"bachelor's degree in food science or chemistry", "degree in biology and microbiology"})),
    "degrees_at_both_levels_it": Case(
        "Agronomo", "it", "qualification", "È richiesta la laurea triennale o magistrale in Agraria, Biologia o Chimica.",
        frozenset({"laurea triennale o magistrale in agraria", "laurea triennale o magistrale in biologia",
                   "laurea triennale o magistrale in chimica"}), frozenset({"laurea triennale"})),
    "licences_for_a_task_and_training_by_subject_it": Case(
        "Magazziniere", "it", "qualification",
        "Gradito il patentino per carrelli elevatori (muletto). Serve la formazione sui rischi chimici e la formazione "
        "per addetti antincendio. È previsto un attestato di formazione sul primo soccorso. Serve anche il corso BLSD.",
        frozenset({"patentino per carrelli elevatori", "formazione sui rischi chimici", "formazione per addetti antincendio",
                   "attestato di formazione sul primo soccorso", "corso blsd"}),
        frozenset({"formazione sul primo soccorso"})),
    "credentials_asked_for_are_no_skills_it": Case(
        "Magazziniere", "it", "skill",
        "Sono richieste la formazione sulla sicurezza e il corso BLSD. È richiesta la laurea triennale o magistrale in "
        "Economia, Giurisprudenza o Scienze politiche.",
        absent_parts=("formazione", "corso", "economia", "giurisprudenza", "scienze")),
    "time_in_supervised_practice_en": Case(
        "Dental Nurse", "en", "qualification",
        "Trainees complete 18 months of supervised clinical practice and 120 days of practice learning, then two years' "
        "relevant work experience. Chefs want 3 years of experience with French cuisine.",
        frozenset({"18 months of supervised clinical practice", "120 days of practice learning",
                   "two years' relevant work experience"}), absent_parts=("french", "3 years")),
    "school_credentials_by_count_and_grade_and_courses_by_subject_en": Case(
        "Bricklayer", "en", "qualification",
        "Colleges usually ask for 3 or 4 GCSEs at grades 9 to 4, including maths. Some bricklayers take a short course "
        "in stone masonry or an online course in site safety. In the course of a week they lay a few thousand bricks.",
        frozenset({"3 or 4 gcses at grades 9 to 4", "short course in stone masonry", "online course in site safety"}),
        absent_parts=("week",)),
    "credentials_an_acronym_list_shares_en": Case(
        "Lifeguard", "en", "qualification", "Most pools require current NPLQ, RLSS and STA cards.",
        frozenset({"nplq", "rlss", "sta"}), frozenset({"nplq, rlss and sta"})),
    "a_regional_qualification_it": Case(
        "Estetista", "it", "qualification", "Serve la qualifica regionale di operatore del benessere.",
        frozenset({"qualifica regionale di operatore del benessere"})),
    "a_degree_title_joined_by_e_is_one_it": Case(
        "Agronomo", "it", "qualification",
        "Serve la laurea in Scienze e tecnologie agrarie. Vale anche la laurea in Biologia, Chimica o Geologia.",
        frozenset({"laurea in scienze e tecnologie agrarie", "laurea in biologia", "laurea in chimica", "laurea in geologia"}),
        frozenset({"laurea in scienze", "laurea in tecnologie agrarie"})),
    "a_traineeship_after_the_degree_it": Case(
        "Psicologo", "it", "qualification", "Dopo la laurea serve il tirocinio post-lauream di 1.000 ore.",
        frozenset({"tirocinio post-lauream di 1.000 ore"})),
    # ------------------------------------------------------------ regulators
    "the_profession_s_own_body_en": Case(
        "Brewer", "en", "regulator",
        "The Institute of Brewing and Distilling (IBD) is the main professional body for brewers. The Brewers Council, "
        "the statutory regulator of the trade, keeps a register. Unite is the main trade union, and Hopco is the "
        "leading professional services firm.",
        frozenset({"ibd", "brewers council"}), frozenset({"unite", "hopco"})),
    # ------------------------------------------------------------ regulated entities
    "kinds_named_by_what_they_do_en": Case(
        "Scrap Dealer", "en", "applies_to",
        "Under the Scrap Metal Dealers Act 2013, every yard that buys scrap metal must hold a licence. Every welder that "
        "I know must work hard.",
        frozenset({"yard that buys scrap metal"}), absent_parts=("i know",)),
    "kinds_a_rule_binds_by_example_or_as_its_object_it": Case(
        "Ispettore antincendio", "it", "applies_to",
        "Il D.P.R. 151/2011 elenca le attività soggette ai controlli, come discoteche, palestre e campeggi. Il bar, la "
        "gelateria e il chiosco sono tutti oggetto di questa regola. Il lavoro è soggetto a turni, come tutti sanno.",
        frozenset({"discoteca", "palestra", "campeggio", "bar", "gelateria", "chiosco"}), absent_parts=("tutt",)),
}


def check(tmp_path, case: Case) -> None:
    """The case's labels (lower case, alternatives included) hold all it expects and none it rules out."""
    found = {label.lower() for f in facts_of(tmp_path, case.title, case.text, case.lang) if f.kind == case.kind
             for label in (f.object, *f.alt)}
    assert case.expect <= found, sorted(found)
    assert not case.absent & found
    assert not [label for label in found for part in case.absent_parts if part in label]


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(tmp_path, name):
    check(tmp_path, CASES[name])
