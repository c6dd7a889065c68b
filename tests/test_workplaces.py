"""Industries as workplaces written, regulated entities read from a regulation's verbs, and rungs of a ladder (issue
#14). Sentences written for these tests, in domains the tuning sets lack (care, hairdressing, trades, kitchens)."""

from __future__ import annotations

from tests.test_extract import facts_of, objects


def lowered(facts, kind: str) -> set[str]:
    return {label.lower() for label in objects(facts, kind)}


def alt_labels(facts, kind: str) -> set[str]:
    return {label.lower() for f in facts if f.kind == kind for label in (f.object, *f.alt)}


# ---------------------------------------------------------------- industries: workplaces as written

def test_employers_listed_whatever_their_head_en(tmp_path):
    body = ("Employers include the NHS, private care agencies and charities. Typical employers are hospitals and GP surgeries. "
            "Carers work in settings such as hospices and day centres. Electricians find work on building sites, in "
            "factories and with private households.")
    industries = lowered(facts_of(tmp_path, "Care Assistant", body, "en"), "industry")
    assert {"nhs", "private care agencies", "charities", "hospitals", "gp surgeries", "hospices", "day centres",
            "building sites", "factories", "private households"} <= industries
    assert not {"settings", "employers"} & industries


def test_hired_by_and_kinds_of_place_it(tmp_path):
    body = ("Può essere assunto da catene di saloni e hotel. Lavora in realtà come spa e centri benessere. "
            "Trova impiego in strutture quali RSA. Lavora in strutture sanitarie pubbliche.")
    industries = lowered(facts_of(tmp_path, "Parrucchiere", body, "it"), "industry")
    assert {"catene di saloni", "hotel", "spa", "centri benessere", "rsa", "strutture sanitarie pubbliche"} <= industries
    assert not {"realtà", "strutture"} & industries


def test_a_where_it_works_list_names_each_workplace_as_written_it(tmp_path):
    body = "## Dove lavora\n\n- Saloni di acconciatura\n- Centri estetici\n"
    industries = lowered(facts_of(tmp_path, "Parrucchiere", body, "it"), "industry")
    assert {"saloni di acconciatura", "centri estetici"} <= industries  # two places, not one sector


# ---------------------------------------------------------------- regulated entities

def test_entity_types_a_regulation_binds_it(tmp_path):
    body = ("Il Regolamento CE 852/2004 si applica a tutte le imprese alimentari.\n\n"
            "Il D.Lgs. 81/2008 obbliga i datori di lavoro a valutare i rischi. Secondo il decreto, le imprese devono "
            "nominare un responsabile.\n\n"
            "La legge 174/2005 impone ai saloni di acconciatura e ai centri estetici di rispettare i requisiti igienici. "
            "Gli esercizi commerciali devono esporre i prezzi secondo il Codice del consumo.\n\n"
            "La legge 174/2005 si applica dal 2006, come scritto nelle Politiche Sociali.")
    facts = facts_of(tmp_path, "Ispettore sanitario", body, "it")
    bound = alt_labels(facts, "applies_to")
    assert {"imprese alimentari", "datori di lavoro", "saloni di acconciatura", "centri estetici",
            "esercizi commerciali"} <= bound
    assert "datore" not in bound  # "di lavoro" is no infinitive's "di"
    assert not any("politiche" in label for label in bound)


def test_no_entity_type_without_a_regulation_it(tmp_path):
    body = "Le imprese devono nominare un responsabile. I saloni devono esporre i prezzi."
    assert not objects(facts_of(tmp_path, "Parrucchiere", body, "it"), "applies_to")


def test_what_firms_must_hold_en(tmp_path):
    body = "Under the Electricity at Work Regulations 1989, contractors must hold public liability insurance."
    assert "contractor" in lowered(facts_of(tmp_path, "Electrician", body, "en"), "applies_to")


# ---------------------------------------------------------------- promotions

def test_rungs_named_with_a_role_noun_or_a_time_en(tmp_path):
    body = ("You could progress to a shift supervisor role within two years. The next step is usually a team leader "
            "position. Senior roles such as care home manager are open to experienced staff.")
    rungs = lowered(facts_of(tmp_path, "Care Assistant", body, "en"), "promotes_to")
    assert {"shift supervisor", "team leader", "care home manager"} <= rungs


def test_rungs_it(tmp_path):
    body = ("Con l'esperienza può diventare direttore artistico entro cinque anni. Può aspirare al ruolo di responsabile "
            "di salone. Dopo qualche anno si può diventare team leader. Poi diventi capo partita e infine sous chef.")
    rungs = lowered(facts_of(tmp_path, "Parrucchiere", body, "it"), "promotes_to")
    assert {"direttore artistico", "responsabile di salone", "team leader", "capo partita", "sous chef"} <= rungs


def test_poi_diventa_names_no_rung_without_a_role_it(tmp_path):
    body = "Poi diventa difficile trovare clienti."
    assert not objects(facts_of(tmp_path, "Parrucchiere", body, "it"), "promotes_to")


def test_an_outlet_list_names_workplaces_and_rungs_it(tmp_path):
    body = "## Sbocchi professionali\n\n- Ospedali e cliniche private\n- Coordinatore infermieristico\n"
    facts = facts_of(tmp_path, "Infermiere", body, "it")
    assert {"ospedali", "cliniche private"} <= lowered(facts, "industry")
    assert lowered(facts, "promotes_to") == {"coordinatore infermieristico"}


def test_workplaces_of_trades_and_shops(tmp_path):
    assert {"bakeries", "breweries"} <= lowered(facts_of(tmp_path, "Baker", "Bakers work in bakeries and breweries.", "en"), "industry")
    industries = lowered(facts_of(tmp_path, "Panettiere", "Il panettiere lavora in panifici e pasticcerie. Lavora in squadra.", "it"), "industry")
    assert industries == {"panifici", "pasticcerie"}


def test_a_workplace_after_an_indefinite_article_when_the_role_works_there_it(tmp_path):
    body = ("Lavora in uno studio di commercialisti, in una società di consulenza o in un CAF. "
            "Chi lavora in una cooperativa parte da 20.000 euro.")
    industries = lowered(facts_of(tmp_path, "Consulente fiscale", body, "it"), "industry")
    assert {"studio di commercialisti", "società di consulenza", "caf"} <= industries
    assert "cooperativa" not in industries  # "chi lavora in una ...": a case, not where the role works


def test_places_under_a_where_label_are_no_industries_it(tmp_path):
    body = "- **Settori:** grande distribuzione, farmaceutico\n- **Dove cerchiamo:** Milano, Torino\n"
    facts = facts_of(tmp_path, "Tesoriere aziendale", body, "it")
    assert not {"milano", "torino"} & lowered(facts, "industry")
    assert {"Milano", "Torino"} <= objects(facts, "location")


def test_a_bracketed_figure_ends_no_list_en(tmp_path):
    body = "Asset managers employ the largest share of analysts (38%), ahead of banks (24%), insurers (14%) and consultancies (11%)."
    facts = facts_of(tmp_path, "Analyst", body, "en")
    assert {"bank", "insurance company", "consulting firm"} <= lowered(facts, "employed_by")


def test_kinds_a_regulation_brings_into_scope_or_names_first(tmp_path):
    body = ("The Corporate Sustainability Reporting Directive (CSRD) brings large and listed companies into scope. "
            "In food businesses, the Food Hygiene Regulations 2006 apply. Under the Care Act 2014, care providers fall "
            "within the scope of inspection.")
    bound = alt_labels(facts_of(tmp_path, "ESG Analyst", body, "en"), "applies_to")
    assert {"listed companies", "food businesses", "care providers"} <= bound


def test_kinds_a_regulation_names_first_it(tmp_path):
    body = ("Nelle imprese alimentari si applica il Regolamento CE 852/2004. Nelle aziende si applica invece il CCNL "
            "Commercio. Le imprese con più di 50 dipendenti rientrano nell'ambito di applicazione del D.Lgs. 231/2001.")
    bound = alt_labels(facts_of(tmp_path, "Assistente di direzione", body, "it"), "applies_to")
    assert {"imprese alimentari", "imprese con più di 50 dipendenti"} <= bound
    assert "aziende" not in bound  # a bare "aziende" names no kind


def test_a_field_named_with_ambito_it(tmp_path):
    body = "Opera nell'ambito del benessere. Lavora in ambito sanitario. Lavora in ambiti diversi e in strutture diverse."
    industries = lowered(facts_of(tmp_path, "Estetista", body, "it"), "industry")
    assert {"ambito del benessere", "ambito sanitario"} <= industries
    assert not {"ambiti diversi", "strutture diverse"} & industries


def test_where_a_role_is_needed_or_sought(tmp_path):
    industries = lowered(facts_of(tmp_path, "Chef", "Chefs are needed in schools, hospitals and prisons.", "en"), "industry")
    assert {"schools", "hospitals", "prisons"} <= industries
    body = ("Il cuoco lavora in mense aziendali. Può lavorare per catene alberghiere o "
            "navi da crociera. È richiesto in ristoranti e agriturismi. Lavora per conto di un cliente.")
    industries = lowered(facts_of(tmp_path, "Cuoco", body, "it"), "industry")
    assert {"mense aziendali", "catene alberghiere", "ristoranti", "agriturismi"} <= industries
    assert not any("conto" in label for label in industries)


def test_each_rung_of_an_arrow_ladder(tmp_path):
    body = "## Percorso di carriera\n\nApprendista → elettricista → capo squadra → responsabile tecnico\n"
    facts = facts_of(tmp_path, "Elettricista", body, "it")
    assert {"capo squadra", "responsabile tecnico"} <= lowered(facts, "promotes_to")  # a generic head opens a rung
    body = "The path is trainee -> care assistant -> senior care assistant -> deputy manager -> care home manager."
    rungs = lowered(facts_of(tmp_path, "Care Assistant", body, "en"), "promotes_to")
    assert {"senior care assistant", "deputy manager", "care home manager"} <= rungs
