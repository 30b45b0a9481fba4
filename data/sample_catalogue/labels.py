"""Spanish and French labels for ``lang=es|fr``, and the ``translations`` table built from them."""

from __future__ import annotations

import re

from .records import Json

LABELS = {  # English label -> (Spanish, French), for the labels that ``lang`` translates
    "United States": ("Estados Unidos", "États-Unis"), "Canada": ("Canadá", "Canada"),
    "Australia": ("Australia", "Australie"), "United Kingdom": ("Reino Unido", "Royaume-Uni"),
    "France": ("Francia", "France"), "Germany": ("Alemania", "Allemagne"),
    "Mexico": ("México", "Mexique"), "Japan": ("Japón", "Japon"),
    "New Zealand": ("Nueva Zelanda", "Nouvelle-Zélande"), "Spain": ("España", "Espagne"),
    "Italy": ("Italia", "Italie"), "Switzerland": ("Suiza", "Suisse"),
    "Belgium": ("Bélgica", "Belgique"), "Netherlands": ("Países Bajos", "Pays-Bas"),
    "Austria": ("Austria", "Autriche"), "Ireland": ("Irlanda", "Irlande"),
    "Bahamas": ("Bahamas", "Bahamas"), "Jamaica": ("Jamaica", "Jamaïque"),
    "Bermuda": ("Bermudas", "Bermudes"), "Fiji": ("Fiyi", "Fidji"),
    "Liberia": ("Liberia", "Libéria"), "Zimbabwe": ("Zimbabue", "Zimbabwe"),
    "Singapore": ("Singapur", "Singapour"), "Hong Kong": ("Hong Kong", "Hong Kong"),
    "Athens": ("Atenas", "Athènes"), "Rome": ("Roma", "Rome"),
    "Roman Republic (ancient)": ("República romana (antigua)", "République romaine (antique)"),
    "China": ("China", "Chine"), "Attica": ("Ática", "Attique"),
    "Standard circulation coins": ("Monedas de circulación corriente",
                                   "Pièces de circulation courante"),
    "Circulating commemorative coins": ("Monedas conmemorativas de circulación",
                                        "Pièces commémoratives de circulation"),
    "Non-circulating coins": ("Monedas no circulantes", "Pièces non circulantes"),
    "Bullion coins": ("Monedas de inversión", "Pièces d'investissement"),
    "Standard banknotes": ("Billetes corrientes", "Billets courants"),
    "Commemorative banknotes": ("Billetes conmemorativos", "Billets commémoratifs"),
    "Medals": ("Medallas", "Médailles"),
    "Commemorative medals": ("Medallas conmemorativas", "Médailles commémoratives"),
    "Fantasy coins": ("Monedas de fantasía", "Monnaies de fantaisie"),
    "Mint tokens": ("Fichas de ceca", "Jetons de la Monnaie"),
    "Collector medallions": ("Medallones de colección", "Médaillons de collection"),
    "Bronze": ("Bronce", "Bronze"), "Copper plated zinc": ("Zinc cobreado", "Zinc cuivré"),
    "Copper-nickel": ("Cuproníquel", "Cupronickel"),
    "Copper-nickel clad copper": ("Cobre revestido de cuproníquel", "Cuivre plaqué cupronickel"),
    "Nickel clad copper-nickel": ("Cuproníquel revestido de níquel",
                                  "Cupronickel plaqué nickel"),
    "Nickel": ("Níquel", "Nickel"), "Silver": ("Plata", "Argent"), "Gold": ("Oro", "Or"),
    "Aluminium": ("Aluminio", "Aluminium"),
    "Aluminium-bronze": ("Bronce de aluminio", "Bronze d'aluminium"),
    "Brass": ("Latón", "Laiton"), "Nickel-brass": ("Latón de níquel", "Laiton-nickel"),
    "Manganese brass": ("Latón al manganeso", "Laiton au manganèse"),
    "Aureate-bronze plated nickel": ("Níquel chapado en bronce dorado",
                                     "Nickel plaqué bronze doré"),
    "Stainless steel": ("Acero inoxidable", "Acier inoxydable"),
    "Copper-plated steel": ("Acero cobreado", "Acier cuivré"),
    "Brass-plated steel": ("Acero chapado en latón", "Acier plaqué laiton"),
    "Nickel-plated steel": ("Acero niquelado", "Acier nickelé"),
    "Nordic gold": ("Oro nórdico", "Or nordique"),
    "Bimetallic: nickel-brass centre in copper-nickel ring": (
        "Bimetálica: centro de latón de níquel, anillo de cuproníquel",
        "Bimétallique : centre en laiton-nickel, anneau en cupronickel"),
    "Bimetallic: copper-nickel centre in nickel-brass ring": (
        "Bimetálica: centro de cuproníquel, anillo de latón de níquel",
        "Bimétallique : centre en cupronickel, anneau en laiton-nickel"),
    "Paper": ("Papel", "Papier"), "Polymer": ("Polímero", "Polymère"),
    "Milled": ("Acuñada a máquina", "Frappe mécanique"),
    "Milled, Colourised": ("Acuñada a máquina, coloreada", "Frappe mécanique, colorisée"),
    "Hammered": ("Acuñada a martillo", "Frappe au marteau"),
    "Intaglio": ("Calcografía", "Taille-douce"),
    "Offset, Intaglio": ("Offset, calcografía", "Offset, taille-douce"),
    "Round": ("Circular", "Ronde"),
    "Round (irregular)": ("Circular (irregular)", "Ronde (irrégulière)"),
    "Round with a round hole": ("Circular con un agujero redondo", "Ronde avec un trou rond"),
    "Heptagonal (7-sided)": ("Heptagonal (7 lados)", "Heptagonale (7 côtés)"),
    "Decagonal (10-sided)": ("Decagonal (10 lados)", "Décagonale (10 côtés)"),
    "Hendecagonal (11-sided)": ("Endecagonal (11 lados)", "Hendécagonale (11 côtés)"),
    "Dodecagonal (12-sided)": ("Dodecagonal (12 lados)", "Dodécagonale (12 côtés)"),
    "Scalloped (with 12 notches)": ("Festoneada (12 muescas)", "Festonnée (12 encoches)"),
    "Square with rounded corners": ("Cuadrada con esquinas redondeadas",
                                    "Carrée à coins arrondis"),
    "Triangular": ("Triangular", "Triangulaire"), "Rectangular": ("Rectangular", "Rectangulaire"),
    "Dollar": ("Dólar", "Dollar"), "Euro": ("Euro", "Euro"),
    "Pound sterling": ("Libra esterlina", "Livre sterling"), "Pound": ("Libra", "Livre"),
    "New franc": ("Nuevo franco", "Nouveau franc"), "Deutsche Mark": ("Marco alemán", "Mark"),
    "Peso": ("Peso", "Peso"), "Nuevo peso": ("Nuevo peso", "Nouveau peso"),
    "Onza": ("Onza", "Once"), "Troy ounce": ("Onza troy", "Once troy"), "Yen": ("Yen", "Yen"),
    "Peseta": ("Peseta", "Peseta"), "Lira": ("Lira", "Lire"), "Franc": ("Franco", "Franc"),
    "Swiss franc": ("Franco suizo", "Franc suisse"),
    "Belgian franc": ("Franco belga", "Franc belge"), "Gulden": ("Florín", "Florin"),
    "Schilling": ("Chelín", "Schilling"), "Irish pound": ("Libra irlandesa", "Livre irlandaise"),
    "Attic drachm": ("Dracma ática", "Drachme attique"), "Denarius": ("Denario", "Denier"),
    "United States Mint of Philadelphia": ("Casa de la Moneda de Filadelfia",
                                           "Monnaie de Philadelphie"),
    "United States Mint of Denver": ("Casa de la Moneda de Denver", "Monnaie de Denver"),
    "United States Mint of San Francisco": ("Casa de la Moneda de San Francisco",
                                            "Monnaie de San Francisco"),
    "United States Mint of West Point": ("Casa de la Moneda de West Point",
                                         "Monnaie de West Point"),
    "United States Mint of New Orleans": ("Casa de la Moneda de Nueva Orleans",
                                          "Monnaie de La Nouvelle-Orléans"),
    "United States Mint of Carson City": ("Casa de la Moneda de Carson City",
                                          "Monnaie de Carson City"),
    "Royal Canadian Mint of Ottawa": ("Real Casa de la Moneda de Canadá, Ottawa",
                                      "Monnaie royale canadienne d'Ottawa"),
    "Royal Canadian Mint of Winnipeg": ("Real Casa de la Moneda de Canadá, Winnipeg",
                                        "Monnaie royale canadienne de Winnipeg"),
    "Perth Mint": ("Casa de la Moneda de Perth", "Monnaie de Perth"),
    "Royal Australian Mint": ("Real Casa de la Moneda de Australia", "Monnaie royale australienne"),
    "Royal Mint of Llantrisant": ("Real Casa de la Moneda, Llantrisant",
                                  "Monnaie royale de Llantrisant"),
    "Royal Mint of Tower Hill": ("Real Casa de la Moneda, Tower Hill",
                                 "Monnaie royale de Tower Hill"),
    "Monnaie de Paris": ("Casa de la Moneda de París", "Monnaie de Paris"),
    "Monnaie de Paris, Pessac": ("Casa de la Moneda de París, Pessac", "Monnaie de Paris, Pessac"),
    "State Mint of Berlin": ("Casa de la Moneda de Berlín", "Monnaie d'État de Berlin"),
    "Bavarian Central Mint": ("Casa Central de la Moneda de Baviera",
                              "Monnaie centrale de Bavière"),
    "State Mint of Stuttgart": ("Casa de la Moneda de Stuttgart", "Monnaie d'État de Stuttgart"),
    "State Mint of Karlsruhe": ("Casa de la Moneda de Karlsruhe", "Monnaie d'État de Karlsruhe"),
    "Hamburg Mint": ("Casa de la Moneda de Hamburgo", "Monnaie de Hambourg"),
    "Mexico City Mint": ("Casa de Moneda de la Ciudad de México", "Monnaie de Mexico"),
    "Japan Mint": ("Casa de la Moneda de Japón", "Monnaie du Japon"),
    "Royal Mint of Spain": ("Real Casa de la Moneda", "Monnaie royale d'Espagne"),
    "Italian State Mint": ("Casa de la Moneda del Estado italiano", "Monnaie d'État italienne"),
    "Swissmint": ("Casa de la Moneda suiza", "Monnaie fédérale suisse"),
    "Royal Belgian Mint": ("Real Casa de la Moneda de Bélgica", "Monnaie royale de Belgique"),
    "Royal Dutch Mint": ("Real Casa de la Moneda neerlandesa", "Monnaie royale des Pays-Bas"),
    "Austrian Mint": ("Casa de la Moneda de Austria", "Monnaie autrichienne"),
    "Currency Centre": ("Centro de Moneda", "Centre monétaire"),
    "Singapore Mint": ("Casa de la Moneda de Singapur", "Monnaie de Singapour"),
    "Pobjoy Mint": ("Casa de la Moneda Pobjoy", "Monnaie Pobjoy"),
    "Franklin Mint": ("Casa de la Moneda Franklin", "Monnaie Franklin"),
    "Birmingham Mint": ("Casa de la Moneda de Birmingham", "Monnaie de Birmingham"),
    "B.H. Mayer's Mint": ("Casa de la Moneda B.H. Mayer", "Monnaie B.H. Mayer"),
    "Valcambi": ("Valcambi", "Valcambi"),
    "House of Windsor": ("Casa de Windsor", "Maison Windsor"),
    "Modern France": ("Francia moderna", "France moderne"),
    "Imperial House of Japan": ("Casa Imperial de Japón", "Maison impériale du Japon"),
    "House of Bourbon": ("Casa de Borbón", "Maison de Bourbon"),
    "House of Belgium": ("Casa de Bélgica", "Maison de Belgique"),
    "House of Orange-Nassau": ("Casa de Orange-Nassau", "Maison d'Orange-Nassau"),
    "Latin": ("Latina", "Latin"), "Japanese": ("Japonesa", "Japonais"), "Greek": ("Griega", "Grec"),
    "Chinese (Traditional)": ("China (tradicional)", "Chinois traditionnel"),
}
PAREN_WORDS = {"date": ("actualidad", "aujourd'hui"), "decimal": ("decimal", "décimal"),
               "bullion": ("inversión", "investissement"), "BC": ("a. C.", "av. J.-C.")}


def translatable_labels(catalogue: Json) -> list[str]:
    """Every label that ``lang`` translates and that the catalogue uses, sorted."""
    labels = {o["name"] for o in catalogue["object_types"]}
    labels |= {m["name"] for m in catalogue["mints"]}
    for issuer in catalogue["issuers"]:
        labels |= {issuer["name"], issuer.get("parent", {}).get("name", issuer["name"])}
    for t in catalogue["types"]:
        labels |= {t["composition"]["text"], t["technique"]["text"], t["shape"]}
        currency = t.get("value", {}).get("currency")
        labels |= {currency["name"], currency["full_name"]} if currency else set()
        labels |= {r["group"]["name"] for r in t.get("ruler", []) if "group" in r}
        for face in ("obverse", "reverse", "edge", "watermark"):
            labels |= {s["name"] for s in t.get(face, {}).get("lettering_scripts", [])}
    return sorted(labels)


def translate(label: str, lang_index: int) -> str | None:
    """The Spanish (0) or French (1) label, composing ``Base (detail)`` labels such as
    ``Silver (.925)`` or ``Dollar (1785-date)`` from their base; None when unknown."""
    if label in LABELS:
        return LABELS[label][lang_index]
    match = re.fullmatch(r"(.+) \((.+)\)", label)
    if not match or match.group(1) not in LABELS:
        return None
    detail = match.group(2)
    for word, localised in PAREN_WORDS.items():
        detail = re.sub(rf"\b{word}\b", localised[lang_index], detail)
    return f"{LABELS[match.group(1)][lang_index]} ({detail})"


def translations(catalogue: Json) -> Json:
    out: Json = {"es": {}, "fr": {}}
    for label in translatable_labels(catalogue):
        for index, lang in enumerate(("es", "fr")):
            localised = translate(label, index)
            if localised:
                out[lang][label] = localised
    return out
