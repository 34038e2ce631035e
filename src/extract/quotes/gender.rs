//! The gender of the people an article names, as far as pronouns go: from a first name or a
//! title right before a mention ("Mrs.", "congresswoman"), `None` where the clues disagree.
//!
//! Decides: which people "he" and "she" can stand for. Leaves to others: which pronoun is
//! resolved to whom (`describe`).

use std::collections::HashMap;

use crate::extract::{Entity, EntityKind};

use super::scan::floor_str;
use super::words::bare_lower;

/// A person's gender, as far as pronouns go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

/// The gender of each person named in `entities`, from the first name or a title before a
/// mention ("Mrs.", "congresswoman"); `None` where the clues disagree.
pub(super) fn genders<'a>(text: &str, entities: &'a [Entity]) -> HashMap<&'a str, Option<Gender>> {
    let mut out: HashMap<&str, Option<Gender>> = HashMap::new();
    for entity in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        // The first given name in the canonical name ("Republican Donald Trump").
        let words: Vec<&str> = entity.name.split_whitespace().collect();
        let given = &words[..words.len().saturating_sub(1).max(1)];
        let by_name = given.iter().find_map(|w| {
            if FEMALE_NAMES.contains(w) {
                Some(Gender::Female)
            } else if MALE_NAMES.contains(w) {
                Some(Gender::Male)
            } else {
                None
            }
        });
        let before = floor_str(text, entity.start.saturating_sub(24), entity.start)
            .unwrap_or_default()
            .split_whitespace()
            .next_back()
            .map(bare_lower)
            .unwrap_or_default();
        let by_title = if FEMALE_CUES.contains(&before.as_str()) {
            Some(Gender::Female)
        } else if MALE_CUES.contains(&before.as_str()) {
            Some(Gender::Male)
        } else {
            None
        };
        for clue in [by_name, by_title].into_iter().flatten() {
            let slot = out.entry(entity.name.as_str()).or_insert(Some(clue));
            if *slot != Some(clue) {
                *slot = None;
            }
        }
    }
    out
}

/// Words right before a name that say a woman is meant.
const FEMALE_CUES: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "lady",
    "dame",
    "congresswoman",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "actress",
    "wife",
    "mother",
    "daughter",
    "sister",
    "grandmother",
    "aunt",
    "niece",
    "queen",
    "princess",
    "girlfriend",
    "widow",
    "sen.-elect",
];
/// Words right before a name that say a man is meant.
const MALE_CUES: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "congressman",
    "chairman",
    "spokesman",
    "businessman",
    "actor",
    "husband",
    "father",
    "son",
    "brother",
    "grandfather",
    "uncle",
    "nephew",
    "king",
    "prince",
    "boyfriend",
    "widower",
];
/// Common women's first names.
#[rustfmt::skip]
const FEMALE_NAMES: &[&str] = &[
    "Hillary", "Melania", "Michelle", "Nancy", "Elizabeth", "Loretta", "Sarah", "Carly",
    "Kellyanne", "Huma", "Chelsea", "Ivanka", "Hope", "Susan", "Kelly", "Megyn", "Debbie", "Donna",
    "Jill", "Nikki", "Condoleezza", "Madeleine", "Theresa", "Angela", "Marine", "Christine",
    "Janet", "Mary", "Patricia", "Jennifer", "Linda", "Barbara", "Margaret", "Jessica", "Karen",
    "Lisa", "Betty", "Helen", "Sandra", "Ashley", "Kimberly", "Emily", "Carol", "Michele", "Amanda",
    "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen", "Amy",
    "Shirley", "Anna", "Ruth", "Brenda", "Pamela", "Nicole", "Katherine", "Virginia", "Catherine",
    "Christina", "Samantha", "Debra", "Rachel", "Carolyn", "Maria", "Heather", "Diane", "Julie",
    "Joyce", "Victoria", "Joan", "Evelyn", "Lauren", "Judith", "Olivia", "Martha", "Cheryl",
    "Megan", "Andrea", "Hannah", "Jacqueline", "Ann", "Anne", "Jean", "Alice", "Kathryn", "Gloria",
    "Teresa", "Doris", "Sara", "Janice", "Julia", "Marie", "Madison", "Grace", "Judy", "Beverly",
    "Denise", "Marilyn", "Amber", "Danielle", "Abigail", "Brittany", "Rose", "Diana", "Natalie",
    "Sophia", "Alexis", "Lori", "Kayla", "Jane", "Emma", "Tammy", "Irene", "Claire", "Kirsten",
    "Dianne", "Maxine", "Tulsi", "Kamala", "Patty", "Maggie", "Jeanne", "Gina", "Valerie",
    "Caroline", "Katie", "Kate", "Ellen", "Tina", "Wendy", "Cindy", "Oprah", "Sheryl", "Sonia",
    "Elena", "Hilary", "Lynn", "Marsha", "Mia", "Eva", "Lucy", "Fatima", "Aisha", "Naomi",
    "Melanie", "Jo-Renee", "Malkia", "Ava", "Gennifer", "Alicia",
];
/// Common men's first names.
#[rustfmt::skip]
const MALE_NAMES: &[&str] = &[
    "Donald", "Barack", "Bernie", "Mike", "Tim", "Joe", "Bill", "Ted", "Marco", "Jeb", "Ben",
    "John", "Paul", "Mitch", "Chris", "Reince", "Rudy", "Newt", "Gary", "Jim", "James", "Robert",
    "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew",
    "Anthony", "Mark", "Steven", "Steve", "Andrew", "Kenneth", "Kevin", "Brian", "George", "Edward",
    "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Jacob", "Nicholas", "Eric", "Jonathan",
    "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Frank", "Gregory",
    "Raymond", "Alexander", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam",
    "Henry", "Nathan", "Douglas", "Zachary", "Peter", "Kyle", "Walter", "Ethan", "Jeremy", "Harold",
    "Keith", "Christian", "Roger", "Noah", "Gerald", "Carl", "Terry", "Sean", "Austin", "Arthur",
    "Lawrence", "Jesse", "Dylan", "Bryan", "Jordan", "Billy", "Bruce", "Albert", "Willie",
    "Gabriel", "Logan", "Alan", "Juan", "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent",
    "Russell", "Elijah", "Louis", "Bobby", "Philip", "Johnny", "Harry", "Rand", "Lindsey", "Rick",
    "Corey", "Reid", "Vladimir", "Xi", "Boris", "Emmanuel", "Recep", "Bashar", "Kim", "Sergei",
    "Francois", "Nigel", "Tony", "Dick", "Karl", "Rush", "Glenn", "Tucker", "Bret", "Lester",
    "Anderson", "Wolf", "Jake", "Chuck", "Al", "Howard", "Jimmy", "Lyndon", "Franklin", "Abraham",
    "Martin", "Mohammed", "Muhammad", "Ahmed", "Omar", "Ali", "Hassan", "Igor", "Dmitry", "Ivan",
    "Jean-Claude", "Pierre", "Hans", "Klaus", "Carlos", "Luis", "Pedro", "Manuel", "Mitt", "Rex",
];
