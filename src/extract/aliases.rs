//! One name per entity, whatever form an article writes: the built-in forms of countries,
//! organisations known by their acronym, and political parties.
//!
//! Decides: the canonical name and type of a mention's name, from general knowledge only. It
//! may not look at the article: names an article defines itself ("International Atomic Energy
//! Agency (IAEA)") are linked by the entity extractor, and names other articles of an index
//! define are the index's own alias table (`index::aliases`).
//!
//! - Countries: the names of GeoNames' country list (`data/countries.tsv`, "The" left out) are
//!   canonical; [`COUNTRY_FORMS`] adds the forms news writes (`U.S.`, `Britain`). A form
//!   counts only where the recognizer typed the mention a place, except the abbreviations of
//!   [`COUNTRY_ABBREVIATIONS`] (`US`, `U.K.`), which name the country whatever their type.
//! - Organisations known by an acronym ([`ORG_FORMS`]): the full name is canonical, and the
//!   acronym counts written in capitals, with or without dots, or as British papers write
//!   the longer ones (`Opec`, `Nato`).
//! - Parties ([`PARTY_FORMS`]): singular, plural and adjective forms (`Tory`, `Tories`,
//!   `Conservatives`) of an organisation or misc mention.
//!
//! Cost: one hash lookup per mention.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::EntityKind;

/// The forms news writes for countries, by the canonical (GeoNames) name. A test checks that
/// every canonical name is one of GeoNames' countries.
const COUNTRY_FORMS: &[(&str, &[&str])] = &[
    (
        "United States",
        &[
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "United States of America",
            "America",
        ],
    ),
    (
        "United Kingdom",
        &["UK", "U.K.", "Britain", "Great Britain"],
    ),
    ("United Arab Emirates", &["UAE", "U.A.E."]),
    ("Russia", &["Russian Federation"]),
    ("South Korea", &["Republic of Korea"]),
    (
        "North Korea",
        &["DPRK", "Democratic People's Republic of Korea"],
    ),
    (
        "China",
        &["People's Republic of China", "PRC", "Mainland China"],
    ),
    ("Czechia", &["Czech Republic"]),
    ("Netherlands", &["Holland"]),
    ("Ivory Coast", &["Cote d'Ivoire", "Côte d'Ivoire"]),
    ("Myanmar", &["Burma"]),
    ("Eswatini", &["Swaziland"]),
    ("North Macedonia", &["Macedonia"]),
    ("Cabo Verde", &["Cape Verde"]),
    ("Timor Leste", &["East Timor", "Timor-Leste"]),
    ("Vatican", &["Vatican City", "Holy See"]),
    ("Democratic Republic of the Congo", &["DR Congo", "DRC"]),
];

/// Country forms that name the country whatever type the recognizer gave them.
const COUNTRY_ABBREVIATIONS: &[&str] = &["US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE"];

/// Organisations everyone knows by their acronym: the full name, and its other forms.
const ORG_FORMS: &[(&str, &[&str])] = &[
    ("International Monetary Fund", &["IMF"]),
    (
        "Organization of Petroleum Exporting Countries",
        &["OPEC", "Organisation of Petroleum Exporting Countries"],
    ),
    (
        "North Atlantic Treaty Organization",
        &["NATO", "North Atlantic Treaty Organisation"],
    ),
    ("European Union", &["EU"]),
    ("United Nations", &["UN"]),
    (
        "World Trade Organization",
        &["WTO", "World Trade Organisation"],
    ),
    (
        "World Health Organization",
        &["WHO", "World Health Organisation"],
    ),
    ("European Central Bank", &["ECB"]),
    (
        "Organisation for Economic Co-operation and Development",
        &[
            "OECD",
            "Organization for Economic Cooperation and Development",
        ],
    ),
    ("International Atomic Energy Agency", &["IAEA"]),
    ("Association of Southeast Asian Nations", &["ASEAN"]),
    ("Federal Bureau of Investigation", &["FBI"]),
    ("Central Intelligence Agency", &["CIA"]),
    ("Securities and Exchange Commission", &["SEC"]),
    ("National Aeronautics and Space Administration", &["NASA"]),
    ("Food and Drug Administration", &["FDA"]),
    ("Environmental Protection Agency", &["EPA"]),
    ("National Health Service", &["NHS"]),
    ("Confederation of British Industry", &["CBI"]),
    ("Trades Union Congress", &["TUC"]),
    ("House of Commons", &["Commons"]),
    ("House of Lords", &["Lords"]),
];

/// Parties by their canonical name, and the forms news writes for them.
const PARTY_FORMS: &[(&str, &[&str])] = &[
    (
        "Conservative Party",
        &[
            "Conservatives",
            "Conservative",
            "Tory",
            "Tories",
            "Tory Party",
        ],
    ),
    ("Labour Party", &["Labour", "New Labour"]),
    (
        "Liberal Democrats",
        &[
            "Lib Dems",
            "Lib Dem",
            "Liberal Democrat",
            "Liberal Democrat Party",
        ],
    ),
    ("Scottish National Party", &["SNP"]),
    ("UK Independence Party", &["UKIP", "Ukip"]),
    ("Plaid Cymru", &[]),
    ("Democratic Party", &["Democrats"]),
    ("Republican Party", &["Republicans", "GOP"]),
];

/// GeoNames' countries: iso2, iso3, name, capital (and a demonym column the source leaves
/// empty), after a comment line.
const COUNTRIES_TSV: &str = include_str!("../../data/countries.tsv");

/// What a form stands for.
#[derive(Debug, Clone, Copy)]
struct Alias {
    canonical: &'static str,
    kind: EntityKind,
    /// Whether it counts only on a mention of that type.
    same_type_only: bool,
}

/// Every form by its exact text.
static FORMS: LazyLock<HashMap<&'static str, Alias>> = LazyLock::new(|| {
    let mut forms = HashMap::new();
    for name in country_names() {
        forms.insert(name, alias(name, EntityKind::Place, true));
    }
    for &(canonical, written) in COUNTRY_FORMS {
        for &form in written {
            let anywhere = COUNTRY_ABBREVIATIONS.contains(&form);
            forms.insert(form, alias(canonical, EntityKind::Place, !anywhere));
        }
    }
    for (table, kind) in [(ORG_FORMS, EntityKind::Org), (PARTY_FORMS, EntityKind::Org)] {
        for &(canonical, written) in table {
            forms.insert(canonical, alias(canonical, kind, false));
            for &form in written {
                forms.insert(form, alias(canonical, kind, false));
            }
        }
    }
    forms
});

fn alias(canonical: &'static str, kind: EntityKind, same_type_only: bool) -> Alias {
    Alias {
        canonical,
        kind,
        same_type_only,
    }
}

/// GeoNames' country names, "The" left out ("The Netherlands" is "Netherlands").
fn country_names() -> impl Iterator<Item = &'static str> {
    COUNTRIES_TSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split('\t').nth(2))
        .map(|name| name.strip_prefix("The ").unwrap_or(name))
}

/// The canonical name and type of a mention named `name` and typed `kind`, when general
/// knowledge gives one other than itself: "U.S." is the place "United States", "Tories" the
/// organisation "Conservative Party", "Opec" the organisation "Organization of Petroleum
/// Exporting Countries".
pub fn canonical(name: &str, kind: EntityKind) -> Option<(&'static str, EntityKind)> {
    let alias = FORMS
        .get(name)
        .or_else(|| FORMS.get(acronym_written_as_word(name)?.as_str()))?;
    let fits = if alias.kind == EntityKind::Place {
        kind == EntityKind::Place || !alias.same_type_only
    } else {
        // Organisations and parties: recognised as an organisation, or as misc for an
        // adjective ("Tory MPs"); never a person or a place.
        matches!(kind, EntityKind::Org | EntityKind::Misc)
    };
    (fits && (alias.canonical != name || alias.kind != kind))
        .then_some((alias.canonical, alias.kind))
}

/// The canonical name of a name a user searched for in a field of entities of `kind` (any
/// kind when `None`), whatever its case (`place:us`, `org:imf`).
pub fn searched(name: &str, kind: Option<EntityKind>) -> Option<&'static str> {
    let alias = FORMS_BY_LOWER.get(name.to_lowercase().as_str())?;
    let fits = match kind {
        None => true,
        Some(EntityKind::Place) => alias.kind == EntityKind::Place,
        Some(kind) => alias.kind != EntityKind::Place && kind != EntityKind::Person,
    };
    (fits && alias.canonical != name).then_some(alias.canonical)
}

/// Every form by its lower-case text, for searches.
static FORMS_BY_LOWER: LazyLock<HashMap<String, Alias>> = LazyLock::new(|| {
    FORMS
        .iter()
        .map(|(form, alias)| (form.to_lowercase(), *alias))
        .collect()
});

/// "OPEC" for "Opec": British papers write acronyms of four letters or more as words.
fn acronym_written_as_word(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let first = chars.next()?;
    let word =
        name.len() >= 4 && first.is_ascii_uppercase() && chars.all(|c| c.is_ascii_lowercase());
    word.then(|| name.to_ascii_uppercase())
}

/// Every form of the entity named `canonical`, itself first: what a search for any of them
/// must also look for.
pub fn forms_of(canonical: &str) -> Vec<&'static str> {
    let tables = [COUNTRY_FORMS, ORG_FORMS, PARTY_FORMS];
    tables
        .iter()
        .flat_map(|table| table.iter())
        .filter(|(name, _)| *name == canonical)
        .flat_map(|&(name, forms)| std::iter::once(name).chain(forms.iter().copied()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_forms_name_the_country() {
        let place = EntityKind::Place;
        for form in ["US", "U.S.", "USA", "United States of America", "America"] {
            assert_eq!(
                canonical(form, place),
                Some(("United States", place)),
                "{form}"
            );
        }
        for form in ["UK", "U.K.", "Britain", "Great Britain"] {
            assert_eq!(
                canonical(form, place),
                Some(("United Kingdom", place)),
                "{form}"
            );
        }
        assert_eq!(canonical("United States", place), None, "already canonical");
        assert_eq!(
            canonical("The Netherlands", place),
            None,
            "not a form news writes"
        );
        assert_eq!(canonical("Holland", place), Some(("Netherlands", place)));
    }

    #[test]
    fn a_country_name_counts_only_as_a_place_but_its_abbreviation_anywhere() {
        // "Britain" as a sports team is an organisation and stays one.
        assert_eq!(canonical("Britain", EntityKind::Org), None);
        assert_eq!(canonical("America", EntityKind::Misc), None);
        let us = canonical("US", EntityKind::Org);
        assert_eq!(us, Some(("United States", EntityKind::Place)));
    }

    #[test]
    fn acronyms_and_their_word_forms_name_the_organisation() {
        let org = EntityKind::Org;
        let imf = Some(("International Monetary Fund", org));
        assert_eq!(canonical("IMF", org), imf);
        assert_eq!(canonical("IMF", EntityKind::Misc), imf);
        let opec = Some(("Organization of Petroleum Exporting Countries", org));
        assert_eq!(canonical("Opec", org), opec);
        assert_eq!(
            canonical("Organisation of Petroleum Exporting Countries", org),
            opec
        );
        // Three letters written as a word is a word: the band, not the World Health Organization.
        assert_eq!(canonical("Who", org), None);
        assert_eq!(canonical("IMF", EntityKind::Person), None);
    }

    #[test]
    fn party_forms_name_the_party() {
        let party = Some(("Conservative Party", EntityKind::Org));
        for form in ["Tory", "Tories", "Conservatives", "Conservative"] {
            assert_eq!(canonical(form, EntityKind::Org), party, "{form}");
        }
        assert_eq!(canonical("Tory", EntityKind::Misc), party, "the adjective");
        assert_eq!(canonical("Conservative Party", EntityKind::Org), None);
    }

    #[test]
    fn every_canonical_country_is_a_geonames_country() {
        let countries: Vec<&str> = country_names().collect();
        assert!(countries.len() > 200);
        for (name, _) in COUNTRY_FORMS {
            assert!(
                countries.contains(name),
                "{name} is not in data/countries.tsv"
            );
        }
    }

    #[test]
    fn forms_of_a_name_list_it_first() {
        let forms = forms_of("United Kingdom");
        assert_eq!(forms[0], "United Kingdom");
        assert!(forms.contains(&"Britain") && forms.contains(&"U.K."));
        assert_eq!(forms_of("Nowhere Land"), Vec::<&str>::new());
    }
}
