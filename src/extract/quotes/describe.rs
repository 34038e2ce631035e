//! Who the words next to a speech verb stand for: descriptions ("a Microsoft spokesperson",
//! "the company", "the mayor"), names the entity extractor missed, and pronouns resolved to
//! the most recent person or organisation outside quotes.
//!
//! Decides: the speaker a description or pronoun refers to. Leaves to others: where the words
//! are looked for (`attribute`).

use crate::extract::vocabulary::{is_weekday, HONORIFICS};
use crate::extract::{Entity, EntityKind};

use super::attribute::{entity_found, Resolver};
use super::cues::{
    is_age, DESCRIPTION_STOPS, LINKING_PREPOSITIONS, MAX_ANTECEDENT_LOOKBACK, MAX_CONTEXT,
    MAX_DESCRIPTION_WORDS, MAX_NAME_WORDS, MAX_SUBJECT_LEAD_WORDS, NOT_NAMES, OBJECT_CUES,
    OFFICE_WORDS, ORG_NOUNS, PERSON_ROLES, PRONOUNS, RANK_WORDS,
};
use super::gender::Gender;
use super::words::{bare_lower, is_determiner, is_function_word, is_lowercase_word, words_in};
use super::Found;

impl Resolver<'_> {
    /// A description ending at the verb, read backwards from it: "a Microsoft spokesperson",
    /// "a spokeswoman for Microsoft", "the Chinese company".
    pub(super) fn description_before(&self, words: &[(usize, usize)]) -> Option<Found> {
        let mut determiner = None;
        let tail = &words[words.len().saturating_sub(MAX_DESCRIPTION_WORDS)..];
        for (n, &(start, end)) in tail.iter().enumerate().rev() {
            let word = &self.text[start..end];
            let is_last = n + 1 == tail.len();
            if !is_last && word.ends_with([',', ';', ':', ')', '(', '"', '”', '“']) {
                break;
            }
            let lower = bare_lower(word);
            if DESCRIPTION_STOPS.contains(&lower.as_str()) {
                break;
            }
            if is_determiner(&lower) {
                determiner = Some(n);
            }
        }
        let np = &tail[determiner?..];
        self.description(np)
    }

    /// The speaker named by a description `np` (words starting with a determiner).
    fn description(&self, np: &[(usize, usize)]) -> Option<Found> {
        let (&(start, _), &(_, end)) = (np.first()?, np.last()?);
        let end = start
            + self.text[start..end]
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .len();
        // Only a description with a common noun: "The New York Times" is a name.
        let has_noun = np[1..].iter().any(|&(s, e)| {
            is_lowercase_word(&self.text[s..e]) && !is_function_word(&self.text[s..e])
        });
        if !has_noun {
            return None;
        }
        let inside: Vec<&Entity> = self.speaker_entities(start, end).collect();
        if let Some(last) = inside.last() {
            // "the commerce secretary Wilbur Ross": a title before a name is the name.
            let before = self
                .text
                .get(start..last.start)
                .unwrap_or_default()
                .split_whitespace()
                .next_back();
            let linked =
                before.is_some_and(|w| LINKING_PREPOSITIONS.contains(&bare_lower(w).as_str()));
            if last.end == end && !linked {
                return Some(entity_found(last));
            }
        }
        let speaker = match inside.iter().rev().find(|e| e.kind == EntityKind::Org) {
            Some(org) => Some(org.name.clone()),
            None if inside.is_empty() => self.definite_org(np).or_else(|| self.definite_person(np)),
            // "a Clinton aide" names a person who is not the speaker.
            None => None,
        };
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// For "the company" and the like, the most recent organisation before it.
    fn definite_org(&self, np: &[(usize, usize)]) -> Option<String> {
        let &(det_start, det_end) = np.first()?;
        let &(head_start, head_end) = np.last()?;
        let definite = bare_lower(&self.text[det_start..det_end]) == "the";
        let head = bare_lower(&self.text[head_start..head_end]);
        if definite && ORG_NOUNS.contains(&head.as_str()) {
            self.most_recent(det_start, &[EntityKind::Org])
        } else {
            None
        }
    }

    /// The person a definite description names, where the text named them before:
    /// - "the defender", "the England coach": the last person the text gave that role, right
    ///   before the name ("coach Andy Robinson") or in an aside after it ("Noel Dempsey, the
    ///   communications minister"); the last subject would often be someone else ("Mr
    ///   Finegold replies" before "the mayor");
    /// - "the 36-year-old", "the 25-year-old striker": the person last named as the subject of
    ///   a sentence (its first person, a few words from its start: "Minar, ranked 158th, …",
    ///   "Former Chelsea captain Desailly says …"), else the person named most often before it.
    ///   The person named last is as often someone the subject met or beat.
    ///
    /// A unique office ("the prime minister") is left alone: it names whoever holds it.
    fn definite_person(&self, np: &[(usize, usize)]) -> Option<String> {
        let &(det_start, det_end) = np.first()?;
        let &(head_start, head_end) = np.last()?;
        if bare_lower(&self.text[det_start..det_end]) != "the" {
            return None;
        }
        let words: Vec<String> = np[1..]
            .iter()
            .map(|&(s, e)| bare_lower(&self.text[s..e]))
            .collect();
        let aged = np[1..].iter().any(|&(s, e)| is_age(&self.text[s..e]));
        let head = bare_lower(&self.text[head_start..head_end]);
        let role = PERSON_ROLES.contains(&head.as_str())
            && !words.iter().any(|w| OFFICE_WORDS.contains(&w.as_str()));
        if !aged && !role {
            return None;
        }
        if role {
            if let Some(named) = self.last_given_role(&head, det_start) {
                return Some(named);
            }
            if !aged {
                return None;
            }
        }
        if let Some(subject) = self
            .people_before(det_start)
            .find(|person| self.is_subject(person))
        {
            return Some(subject.name.clone());
        }
        // Nearest first, so the last of equals that `max_by_key` keeps is the first named.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for person in self.people_before(det_start) {
            match counts.iter_mut().find(|(name, _)| *name == person.name) {
                Some((_, count)) => *count += 1,
                None => counts.push((&person.name, 1)),
            }
        }
        counts
            .iter()
            .max_by_key(|(_, count)| *count)
            .map(|(name, _)| name.to_string())
    }

    /// Whether a person's mention is the subject of its sentence: its first person, a few words
    /// from its start ("Minar, ranked 158th, …", "Former Chelsea captain Desailly says …"),
    /// with no pronoun or object cue before it ("She will now meet Venus Williams", "lost to
    /// Hewitt").
    fn is_subject(&self, person: &Entity) -> bool {
        let lo = self.floor_boundary(person.start.saturating_sub(MAX_CONTEXT));
        let start = self.sentence_start(lo, person.start);
        let first = self.entities[..self.entities.partition_point(|e| e.start < person.start)]
            .iter()
            .rev()
            .take_while(|e| e.start >= start)
            .all(|e| e.kind != EntityKind::Person);
        let lead: Vec<String> = self.text[start..person.start]
            .split_whitespace()
            .map(bare_lower)
            .collect();
        let object = lead
            .iter()
            .any(|w| PRONOUNS.contains(&w.as_str()) || OBJECT_CUES.contains(&w.as_str()));
        first && lead.len() <= MAX_SUBJECT_LEAD_WORDS && !object
    }

    /// The last person before `pos` given the role `head` next to their name: "coach Andy
    /// Robinson", "Noel Dempsey, the communications minister".
    fn last_given_role(&self, head: &str, pos: usize) -> Option<String> {
        let is_head = |w: &&str| bare_lower(w) == head;
        self.people_before(pos)
            .find(|e| {
                // "Noel Dempsey, the communications minister, said": the name just before.
                if self.text[e.end..pos].trim() == "," {
                    return true;
                }
                let lo = self.floor_boundary(e.start.saturating_sub(40));
                let mut title = self.text[lo..e.start].split_whitespace().rev();
                // "deputy mayor Nicky Gavron" is not "the mayor".
                let titled = title.next().is_some_and(|w| is_head(&w))
                    && !title
                        .next()
                        .is_some_and(|w| RANK_WORDS.contains(&bare_lower(w).as_str()));
                let hi = self.floor_boundary((e.end + 80).min(pos));
                let aside = self.text[e.end..hi]
                    .strip_prefix(',')
                    .and_then(|rest| rest.split([',', '.', ';', '"']).next())
                    .is_some_and(|aside| {
                        let words: Vec<&str> = aside.split_whitespace().collect();
                        words.len() <= MAX_DESCRIPTION_WORDS
                            && words.first().is_some_and(|w| is_determiner(&bare_lower(w)))
                            && words.iter().any(is_head)
                    });
                titled || aside
            })
            .map(|e| e.name.clone())
    }

    /// The speaker named right after a speech verb or "according to", up to the clause's end:
    /// "said Ross, the commerce secretary", "said a Microsoft spokesperson", "said he".
    pub(super) fn named_after_verb(&self, lo: usize, hi: usize) -> Option<Found> {
        let clause_end = self.text[lo..hi]
            .find([',', ';', ':', '(', ')', '"', '“', '”', '—'])
            .map_or(hi, |p| lo + p);
        let clause_end = self.sentence_end(lo, clause_end);
        let mut words = words_in(self.text, lo, clause_end);
        words.truncate(MAX_DESCRIPTION_WORDS);
        // "said the company in a statement": the description ends where an adverbial begins.
        if let Some(stop) = words
            .iter()
            .skip(1)
            .position(|&(s, e)| DESCRIPTION_STOPS.contains(&bare_lower(&self.text[s..e]).as_str()))
        {
            words.truncate(stop + 1);
        }
        let &(first_start, first_end) = words.first()?;
        if let Some(found) = self.pronoun(first_start, first_end) {
            return Some(found);
        }
        let first = bare_lower(&self.text[first_start..first_end]);
        if is_determiner(&first) {
            if let Some(found) = self.description(&words) {
                return Some(found);
            }
        }
        let &(_, last_end) = words.last()?;
        let mut entities = self.speaker_entities(first_start, last_end);
        entities
            .next()
            .map(entity_found)
            .or_else(|| self.unknown_name(&words, false))
    }

    /// A name the entity extractor missed, right next to a speech verb ("Vitter demanded",
    /// "said Mr. Hester"): the run of capitalised words at the end of `words` when `at_end`,
    /// else at its start. Its speaker is a known person with the same last name, else
    /// the words themselves.
    pub(super) fn unknown_name(&self, words: &[(usize, usize)], at_end: bool) -> Option<Found> {
        let is_name_word = |&(s, e): &(usize, usize)| {
            let word = self.text[s..e].trim_end_matches([',', '.']);
            let lower = bare_lower(word);
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && !is_determiner(&lower)
                && !NOT_NAMES.contains(&lower.as_str())
                && !is_weekday(&lower)
        };
        let run: Vec<(usize, usize)> = if at_end {
            let n = words.iter().rev().take_while(|w| is_name_word(w)).count();
            words[words.len() - n..].to_vec()
        } else {
            words
                .iter()
                .take_while(|w| is_name_word(w))
                .copied()
                .collect()
        };
        let run = &run[..run.len().min(MAX_NAME_WORDS)];
        let (&(start, _), &(_, end)) = (run.first()?, run.last()?);
        let end = start
            + self.text[start..end]
                .trim_end_matches(|c: char| c.is_ascii_punctuation())
                .len();
        let surface = &self.text[start..end];
        let last = surface.split_whitespace().next_back().unwrap_or_default();
        // Entities are in text order: those before the name are a prefix.
        let before = self.entities.partition_point(|e| e.start < start);
        let known = self.entities[..before]
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .rev()
            .take(MAX_ANTECEDENT_LOOKBACK)
            .find(|e| e.name.split_whitespace().next_back() == Some(last))
            .map(|e| e.name.clone());
        let bare: Vec<&str> = surface
            .split_whitespace()
            .filter(|w| !HONORIFICS.contains(&bare_lower(w).as_str()))
            .collect();
        let speaker = known.or_else(|| (!bare.is_empty()).then(|| bare.join(" ")));
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// A pronoun standing for a speaker, resolved to the most recent fitting entity.
    pub(super) fn pronoun(&self, start: usize, end: usize) -> Option<Found> {
        let kinds: &[EntityKind] = match bare_lower(&self.text[start..end]).as_str() {
            "he" => return Some(self.gendered(start, end, Gender::Male)),
            "she" => return Some(self.gendered(start, end, Gender::Female)),
            "they" => &[EntityKind::Org, EntityKind::Person],
            "it" => &[EntityKind::Org],
            _ => return None,
        };
        let speaker = kinds
            .iter()
            .find_map(|&kind| self.most_recent(start, &[kind]));
        Some(Found {
            speaker,
            start,
            end,
        })
    }

    /// "he" or "she" at `start..end`: the most recent person not known to be of the other
    /// gender.
    fn gendered(&self, start: usize, end: usize, gender: Gender) -> Found {
        let speaker = self
            .antecedents(start)
            .filter(|e| e.kind == EntityKind::Person)
            .find(|e| {
                let known = self.genders.get(e.name.as_str()).copied().flatten();
                known.is_none_or(|known| known == gender)
            })
            .map(|e| e.name.clone());
        Found {
            speaker,
            start,
            end,
        }
    }

    /// The mentions that may be an antecedent of words at `pos`: those ending before it and
    /// outside quotes, nearest first, as far back as [`MAX_ANTECEDENT_LOOKBACK`] mentions.
    fn antecedents(&self, pos: usize) -> impl Iterator<Item = &Entity> + '_ {
        let before = self.entities.partition_point(|e| e.start < pos);
        self.entities[..before]
            .iter()
            .rev()
            .take(MAX_ANTECEDENT_LOOKBACK)
            .filter(move |e| e.end <= pos && !self.in_quote(e.start))
    }

    /// The people among [`Resolver::antecedents`] whose offsets can be sliced, for the rules
    /// that read the words around them.
    fn people_before(&self, pos: usize) -> impl Iterator<Item = &Entity> + '_ {
        self.antecedents(pos)
            .filter(|e| e.kind == EntityKind::Person && self.located(e))
    }

    /// The canonical name of the last entity of one of `kinds` before `pos`, outside quotes.
    fn most_recent(&self, pos: usize, kinds: &[EntityKind]) -> Option<String> {
        self.antecedents(pos)
            .find(|e| kinds.contains(&e.kind))
            .map(|e| e.name.clone())
    }

    /// Whether byte `pos` lies inside one of the quotes.
    pub(super) fn in_quote(&self, pos: usize) -> bool {
        let after = self.quotes.partition_point(|q| q.start <= pos);
        after
            .checked_sub(1)
            .is_some_and(|i| pos < self.quotes[i].end)
    }
}
