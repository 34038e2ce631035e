//! Word lists for the rule-based entity extractor: gazetteers, well-known names, cue words.
//!
//! Lists hold names in their usual spelling (matched exactly, case-sensitively) unless the
//! comment says they are lowercase (matched against the lowercased token). Multi-word names use
//! single spaces. Keep each list compact and general: these are hand-written, not learned.

/// Countries, then capitals and large cities, US states, UK nations and regions, continents and
/// regions.
#[rustfmt::skip]
pub(crate) const PLACES: &[&str] = &[
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria",
    "Burkina Faso", "Burma", "Burundi", "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China",
    "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia",
    "Denmark", "Djibouti", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Eritrea",
    "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany",
    "Ghana", "Greece", "Guatemala", "Guinea", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland",
    "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica",
    "Japan", "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia",
    "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius",
    "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar",
    "Namibia", "Nepal", "Netherlands", "Holland", "New Zealand", "Nicaragua", "Niger", "Nigeria",
    "North Korea", "North Macedonia", "Macedonia", "Norway", "Oman", "Pakistan", "Palestine",
    "Panama", "Papua New Guinea", "Republic of Ireland", "Democratic Republic of Congo",
    "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia",
    "Rwanda", "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia",
    "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka",
    "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania",
    "Thailand", "Togo", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "United Arab Emirates", "UAE", "United Kingdom", "UK", "U.K.", "Britain", "Great Britain",
    "United States", "United States of America", "US", "U.S.", "USA", "America", "Uruguay",
    "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "Hong Kong", "Macau",
    "Tibet", "Greenland", "Puerto Rico", "Gaza", "West Bank", "Chechnya", "Darfur", "London",
    "Paris", "Berlin", "Madrid", "Rome", "Milan", "Lisbon", "Dublin", "Brussels", "Amsterdam",
    "Vienna", "Prague", "Warsaw", "Budapest", "Athens", "Moscow", "Kiev", "Kyiv", "Stockholm",
    "Oslo", "Copenhagen", "Helsinki", "Geneva", "Zurich", "Frankfurt", "Munich", "Hamburg",
    "Barcelona", "Istanbul", "Ankara", "Cairo", "Tehran", "Baghdad", "Damascus", "Beirut",
    "Jerusalem", "Tel Aviv", "Riyadh", "Dubai", "Abu Dhabi", "Doha", "Kabul", "Islamabad",
    "Karachi", "Delhi", "New Delhi", "Mumbai", "Bombay", "Bangalore", "Calcutta", "Kolkata",
    "Chennai", "Dhaka", "Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Tokyo", "Osaka", "Seoul",
    "Pyongyang", "Taipei", "Bangkok", "Hanoi", "Manila", "Jakarta", "Kuala Lumpur", "Sydney",
    "Melbourne", "Brisbane", "Perth", "Canberra", "Auckland", "Wellington", "Nairobi", "Lagos",
    "Johannesburg", "Cape Town", "Harare", "Khartoum", "Toronto", "Montreal", "Vancouver",
    "Ottawa", "Mexico City", "Havana", "Bogota", "Lima", "Santiago", "Buenos Aires", "Sao Paulo",
    "Rio de Janeiro", "Caracas", "New York", "New York City", "Los Angeles", "Chicago", "Houston",
    "Boston", "Washington", "Seattle", "San Francisco", "Detroit", "Atlanta", "Miami", "Dallas",
    "Philadelphia", "Las Vegas", "New Orleans", "Baltimore", "Denver", "Phoenix", "San Diego",
    "Manchester", "Birmingham", "Liverpool", "Leeds", "Glasgow", "Edinburgh", "Cardiff", "Belfast",
    "Bristol", "Newcastle", "Sheffield", "Nottingham", "Leicester", "Aberdeen", "Oxford",
    "Cambridge", "Brighton", "Southampton", "Westminster", "Strasbourg", "The Hague", "Davos",
    "Hollywood", "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
    "Connecticut", "Delaware", "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
    "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
    "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
    "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming", "England", "Scotland", "Wales",
    "Northern Ireland", "Cornwall", "Devon", "Yorkshire", "Kent", "Essex", "Surrey", "Sussex",
    "Lancashire", "Merseyside", "East Anglia", "Midlands", "West Midlands", "Ulster", "Europe",
    "Asia", "Africa", "Antarctica", "Australasia", "Oceania", "North America", "South America",
    "Latin America", "Central America", "Middle East", "Far East", "East Asia", "South Asia",
    "Southeast Asia", "South East Asia", "Central Asia", "Eastern Europe", "Western Europe",
    "Scandinavia", "Balkans", "Caribbean", "Mediterranean", "Gulf", "Pacific", "Atlantic",
    "Arctic", "Silicon Valley", "Wall Street", "Siberia", "Kashmir", "Punjab", "Bavaria",
    "Catalonia", "Quebec", "Ontario", "Sahara",
];

/// Organisations a reader knows by name alone (companies, bodies, parties, media, clubs).
#[rustfmt::skip]
pub(crate) const ORGS: &[&str] = &[
    "Microsoft", "Google", "Alphabet", "Apple", "Amazon", "Facebook", "Meta", "Twitter", "Netflix",
    "Intel", "IBM", "Oracle", "Samsung", "Sony", "Nokia", "Ericsson", "Motorola", "Huawei", "ZTE",
    "Xiaomi", "Lenovo", "Alibaba", "Tencent", "Baidu", "Yahoo", "eBay", "PayPal", "Uber", "Tesla",
    "Nvidia", "AMD", "Qualcomm", "Cisco", "Dell", "HP", "Hewlett-Packard", "Siemens", "Philips",
    "Nintendo", "Sega", "Toshiba", "Panasonic", "Vodafone", "BT", "Orange", "Verizon", "AT&T",
    "Boeing", "Airbus", "Toyota", "Honda", "Nissan", "Ford", "Volkswagen", "BMW", "Renault",
    "Fiat", "Shell", "BP", "Exxon", "ExxonMobil", "Chevron", "Gazprom", "Yukos", "Walmart",
    "Tesco", "Sainsbury's", "Nike", "Adidas", "Coca-Cola", "PepsiCo", "Nestle", "Unilever",
    "McDonald's", "Starbucks", "Disney", "Pfizer", "Barclays", "HSBC", "Lloyds", "Citigroup",
    "Goldman Sachs", "Morgan Stanley", "JP Morgan", "Deutsche Bank", "UBS", "Visa", "Mastercard",
    "Ryanair", "EasyJet", "easyJet", "Reuters", "Bloomberg", "BBC", "CNN", "CNET", "ITV",
    "Channel 4", "Sky", "AP", "AFP", "New York Times", "Washington Post", "Financial Times",
    "Wall Street Journal", "Guardian", "EU", "UN", "Nato", "NATO", "WHO", "WTO", "IMF", "OPEC",
    "Opec", "OECD", "FBI", "CIA", "NSA", "NASA", "Pentagon", "Kremlin", "Congress", "Senate",
    "Parliament", "Commons", "European Union", "United Nations", "World Bank", "Federal Reserve",
    "Fed", "Interpol", "Labour", "Tories", "Tory", "Conservatives", "Liberal Democrats",
    "Lib Dems", "Lib Dem", "Democrats", "Republicans", "Sinn Fein", "Ukip", "UKIP", "SNP",
    "Plaid Cymru", "Hamas", "Hezbollah", "Taliban", "al-Qaeda", "Al-Qaeda", "FIFA", "Fifa", "UEFA",
    "Uefa", "IOC", "Arsenal", "Chelsea", "Celtic", "Rangers", "Juventus", "Real Madrid",
    "Manchester United", "Man Utd", "Liverpool FC", "Ofcom", "Ofgem", "Ofwat", "Whitehall",
    "Downing Street", "NHS",
];

/// Nationalities, demonyms and the like: always `misc`, never a place.
#[rustfmt::skip]
pub(crate) const DEMONYMS: &[&str] = &[
    "American", "Americans", "British", "Briton", "Britons", "English", "Scottish", "Scot",
    "Scots", "Welsh", "Irish", "European", "Europeans", "Chinese", "Japanese", "Korean", "Koreans",
    "Indian", "Indians", "Pakistani", "Russian", "Russians", "French", "German", "Germans",
    "Italian", "Italians", "Spanish", "Spaniard", "Portuguese", "Dutch", "Belgian", "Swiss",
    "Austrian", "Swedish", "Swede", "Norwegian", "Danish", "Finnish", "Polish", "Czech",
    "Hungarian", "Greek", "Turkish", "Turk", "Turks", "Israeli", "Israelis", "Palestinian",
    "Palestinians", "Arab", "Arabs", "Arabic", "Iranian", "Iraqi", "Iraqis", "Syrian", "Saudi",
    "Egyptian", "Lebanese", "Afghan", "Australian", "Australians", "Canadian", "Canadians",
    "Mexican", "Brazilian", "Argentine", "Argentinian", "Chilean", "Colombian", "Cuban",
    "Venezuelan", "African", "Africans", "Nigerian", "Kenyan", "Ethiopian", "Asian", "Asians",
    "Thai", "Vietnamese", "Indonesian", "Malaysian", "Filipino", "Taiwanese", "Ukrainian",
    "Georgian", "Serbian", "Croatian", "Bosnian", "Romanian", "Bulgarian", "Scandinavian", "Latin",
    "Hispanic", "Western", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews",
    "Catholic", "Protestant", "Hindu", "Sikh", "Buddhist", "Islamic", "Kurdish", "Kurds", "Sunni",
    "Shia", "Shiite",
];

/// Events, products and works that are `misc` by name alone.
#[rustfmt::skip]
pub(crate) const MISC_NAMES: &[&str] = &[
    "Olympics", "Olympic", "Olympic Games", "F1", "Formula One", "Paralympics", "World Cup",
    "Euro 2004", "Brexit", "Wimbledon", "Grand Prix", "Super Bowl", "Champions League",
    "Premier League", "Six Nations", "Tour de France", "Oscars", "Oscar", "Grammys", "Grammy",
    "Baftas", "Bafta", "Emmys", "Christmas", "Easter", "Ramadan", "Thanksgiving", "iPhone", "iPad",
    "iPod", "iTunes", "Windows", "Xbox", "PlayStation", "Android", "Linux", "Outlook", "Firefox",
    "Kindle", "Walkman", "Bluetooth", "Wi-Fi", "Skype",
];

/// Last words that make a run an organisation ("Bank", "Inc"), and heads that begin one
/// when followed by "of"/"for" ("Bank of England", "Department for Education"). Lowercase.
#[rustfmt::skip]
pub(crate) const ORG_HEADS: &[&str] = &[
    "inc", "corp", "corporation", "co", "company", "ltd", "limited", "plc", "llc", "llp", "ag",
    "sa", "gmbh", "nv", "group", "holdings", "partners", "bank", "bancorp", "university",
    "college", "school", "institute", "department", "ministry", "office", "bureau", "agency",
    "authority", "party", "council", "commission", "committee", "assembly", "parliament", "court",
    "association", "federation", "union", "league", "club", "fc", "united", "city", "rovers",
    "airlines", "airways", "motors", "technologies", "technology", "systems", "software",
    "networks", "communications", "telecom", "media", "entertainment", "studios", "records",
    "pictures", "foundation", "trust", "fund", "society", "organisation", "organization",
    "alliance", "coalition", "network", "service", "services", "police", "army", "navy", "force",
    "times", "post", "news", "journal", "herald", "telegraph", "press", "magazine", "exchange",
    "board", "centre", "center", "hospital", "industries", "labs", "energy", "oil", "petroleum",
    "pharmaceuticals", "insurance", "capital", "investments", "securities", "stores", "brothers",
    "bros", "electronics", "games", "tribunal", "directorate", "secretariat", "cabinet",
    "government", "administration", "academy", "gallery", "museum", "theatre", "theater",
    "orchestra", "opera", "library", "commons", "lords", "senate", "congress", "tobacco",
    "railway", "railways", "rail", "brewery", "motor", "pharma", "analytics", "semiconductor",
    "semiconductors", "research", "data", "insight", "insights", "mobile", "freight", "lines",
    "shipping", "logistics", "solutions", "consulting", "robotics", "dynamics", "ventures",
];

/// Last words that make an unknown run a place ("West Coast", "Oxford Street"). Lowercase.
#[rustfmt::skip]
pub(crate) const PLACE_HEADS: &[&str] = &[
    "coast", "valley", "river", "lake", "sea", "ocean", "bay", "gulf", "island", "islands",
    "mountains", "mountain", "hills", "county", "province", "state", "street", "road", "avenue",
    "square", "park", "airport", "peninsula", "strait", "desert", "canyon", "region",
];

/// Last words that make an unknown run an event, law or work ("Finance Act"). Lowercase.
#[rustfmt::skip]
pub(crate) const MISC_HEADS: &[&str] = &[
    "cup", "championship", "championships", "games", "open", "awards", "award", "prize",
    "festival", "marathon", "race", "rally", "tour", "war", "act", "treaty", "agreement", "summit",
    "olympics", "trophy", "series",
];

/// Capitalised job titles and their modifiers, split out of a run ("Commerce Secretary
/// Wilbur Ross"); what follows them is a person. Lowercase.
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "president", "vice", "secretary", "minister", "chancellor", "governor", "senator",
    "congressman", "congresswoman", "mayor", "judge", "justice", "chairman", "chairwoman",
    "director", "manager", "coach", "captain", "leader", "spokesman", "spokeswoman",
    "spokesperson", "writer", "editor", "reporter", "correspondent", "analyst", "economist", "ceo",
    "cfo", "coo", "cto", "chief", "executive", "founder", "boss", "king", "queen", "prince",
    "princess", "pope", "ambassador", "envoy", "commissioner", "attorney", "sheriff", "speaker",
    "senior", "deputy", "acting", "former", "prime", "premier", "mp", "mep", "superintendent",
    "inspector", "detective", "chairperson", "emperor", "sheikh", "ayatollah", "archbishop",
    "bishop", "cardinal", "admiral", "lieutenant", "sergeant", "treasurer", "striker",
    "midfielder", "defender", "goalkeeper",
];

/// Lowercase words that, right before a capitalised run, make it a person ("chief executive
/// Satya Nadella", "coach Jose Mourinho").
#[rustfmt::skip]
pub(crate) const PERSON_CUES: &[&str] = &[
    "president", "secretary", "minister", "chancellor", "governor", "senator", "mayor", "judge",
    "chairman", "chairwoman", "director", "manager", "coach", "captain", "leader", "spokesman",
    "spokeswoman", "spokesperson", "executive", "founder", "boss", "analyst", "economist",
    "striker", "midfielder", "defender", "goalkeeper", "player", "singer", "actor", "actress",
    "star", "author", "writer", "novelist", "director", "producer", "presenter", "host", "editor",
    "reporter", "professor", "colleague", "husband", "wife", "son", "daughter", "brother",
    "sister", "father", "mother", "partner", "rival", "champion", "winner", "chief", "veteran",
    "comedian", "rapper", "musician", "designer", "lawyer", "mp", "candidate", "deputy",
    "counterpart", "predecessor", "successor", "boxer", "expert", "administrator", "consultant",
    "adviser", "advisor", "campaigner", "activist", "investor", "entrepreneur", "tycoon",
    "billionaire", "treasurer", "secretary-general",
];

/// Lowercase words before a lone unknown name that make it a place ("in Mosul").
#[rustfmt::skip]
pub(crate) const PLACE_CUES: &[&str] = &[
    "in", "from", "near", "across", "throughout", "outside",
];

/// Words for a spokesperson: "X spokesman" / "spokesman for X" make X an organisation.
#[rustfmt::skip]
pub(crate) const SPOKES_WORDS: &[&str] = &[
    "spokesperson", "spokesman", "spokeswoman", "representative", "official", "officials",
];

/// Lowercase words that may sit inside a name between capitalised words.
#[rustfmt::skip]
pub(crate) const CONNECTORS: &[&str] = &[
    "of", "de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin",
    "al", "el", "dos", "das", "ter", "ten", "y", "for", "the",
];

/// Capitalised words that are not names when they start a run: function words, sentence
/// adverbs, number words, common acronyms. Lowercase. Months and weekdays (dates, not
/// entities) join them from `vocabulary`, with their abbreviations.
#[rustfmt::skip]
pub(crate) const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "he", "she",
    "we", "they", "i", "you", "his", "her", "our", "their", "my", "your", "him", "them", "us",
    "me", "who", "what", "when", "where", "why", "how", "which", "whose", "whom", "if", "but",
    "and", "or", "nor", "so", "yet", "for", "of", "in", "on", "at", "to", "by", "with", "from",
    "into", "as", "after", "before", "during", "since", "until", "while", "although", "though",
    "because", "despite", "however", "meanwhile", "moreover", "furthermore", "also", "still",
    "even", "later", "earlier", "soon", "then", "now", "today", "yesterday", "tomorrow", "tonight",
    "instead", "indeed", "perhaps", "thus", "therefore", "nevertheless", "nonetheless",
    "otherwise", "besides", "overall", "all", "some", "many", "most", "more", "much", "few",
    "several", "both", "each", "every", "any", "no", "not", "none", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "first", "second", "third", "last",
    "next", "other", "another", "such", "only", "just", "about", "over", "under", "against",
    "between", "among", "through", "without", "within", "across", "around", "up", "down", "out",
    "off", "again", "yes", "well", "oh", "please", "thanks", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should",
    "may", "might", "must", "shall", "let", "see", "read", "click", "update", "updated", "note",
    "editor's", "photo", "video", "watch", "listen", "share", "related", "advertisement", "more",
    "according", "asked", "told", "am", "pm", "a.m.", "p.m.", "pt", "et", "gmt", "bst", "pst", "edt", "ceo", "cfo", "pdf", "tv", "pc",
    "ai", "gdp", "ipo", "dvd", "cd", "vat", "ok", "faq", "html", "url", "www", "dna", "mp3", "lcd",
    "pin", "sms", "hd", "usb", "cctv", "mps", "meps", "q1", "q2", "q3", "q4", "mr", "mrs", "ms",
    "dr", "sir",
];

/// US census given names (1990, every name of at least 0.001% of people; public domain), one a
/// line after a `# ` comment line: see DATA-SOURCES.md.
const CENSUS_GIVEN_NAMES: &str = include_str!("../../data/first-names.txt");

/// Census given names that are as often common English words ("Will", "May", "Hope"): in the
/// BBC news corpus, written in lower case at least three times and at least as often as
/// capitalised mid-sentence. A capitalised run starting with one of these is not a person.
#[rustfmt::skip]
const NOT_GIVEN_NAMES: &[&str] = &[
    "Aide", "Ami", "An", "Angle", "Art", "Autumn", "Bill", "Brain", "Buck", "Carry", "Chance",
    "Charity", "Chase", "Clay", "Del", "Desire", "Destiny", "Don", "Dot", "Drew", "Echo", "Else",
    "Era", "Eve", "Fairy", "Faith", "Gala", "Gay", "Glory", "Hang", "Hope", "Hung", "In", "Junior",
    "Kit", "Lady", "Liberty", "Loan", "Long", "Love", "Major", "Man", "Manual", "Many", "Marine",
    "Marry", "May", "Miles", "Miss", "My", "Numbers", "Page", "Patience", "Peg", "Penny",
    "Precious", "Rich", "Rose", "Rosy", "Sang", "Season", "See", "So", "Son", "Song", "Soon",
    "Spring", "Star", "Sterling", "Sue", "Summer", "Sung", "Tiny", "Van", "Ward", "Will", "Winter",
    "Yen", "Young"
];

/// Given names: a capitalised run that starts with one is a person. The census names less
/// [`NOT_GIVEN_NAMES`], worked out when compiling.
pub(crate) const FIRST_NAMES: &[&str] = &GIVEN_NAMES;

/// Number of names in [`FIRST_NAMES`]. (Reading 5,000 lines at compile time runs longer than
/// the compiler's guard against endless const loops expects.)
#[allow(long_running_const_eval)]
const GIVEN_NAME_COUNT: usize = given_names(&mut []);

/// The names of [`FIRST_NAMES`].
#[allow(long_running_const_eval)]
static GIVEN_NAMES: [&str; GIVEN_NAME_COUNT] = {
    let mut names = [""; GIVEN_NAME_COUNT];
    given_names(&mut names);
    names
};

/// Fills `out` with the lines of [`CENSUS_GIVEN_NAMES`] that are names (no `#` comment, not
/// blank, not in [`NOT_GIVEN_NAMES`]) as far as it has room, and counts them all.
const fn given_names(out: &mut [&'static str]) -> usize {
    let mut rest = CENSUS_GIVEN_NAMES.as_bytes();
    let mut count = 0;
    while !rest.is_empty() {
        let mut len = 0;
        while len < rest.len() && rest[len] != b'\n' {
            len += 1;
        }
        let (line, after) = rest.split_at(len);
        rest = match after.split_first() {
            Some((_, after)) => after,
            None => after,
        };
        let line = trim_ascii(line);
        if line.is_empty() || line[0] == b'#' || is_listed(line, NOT_GIVEN_NAMES) {
            continue;
        }
        if count < out.len() {
            out[count] = match std::str::from_utf8(line) {
                Ok(name) => name,
                Err(_) => panic!("data/first-names.txt is not UTF-8"),
            };
        }
        count += 1;
    }
    count
}

/// `bytes` without leading and trailing ASCII whitespace (`\r` of CRLF lines included).
const fn trim_ascii(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

/// Whether `word` is one of `list`, byte for byte.
const fn is_listed(word: &[u8], list: &[&str]) -> bool {
    let mut i = 0;
    while i < list.len() {
        let entry = list[i].as_bytes();
        if entry.len() == word.len() {
            let mut j = 0;
            while j < word.len() && entry[j] == word[j] {
                j += 1;
            }
            if j == word.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_are_the_census_names_less_common_words() {
        assert!(FIRST_NAMES.len() > 5000, "{}", FIRST_NAMES.len());
        for name in ["John", "Mary", "Ahmed", "Carlos"] {
            assert!(FIRST_NAMES.contains(&name), "{name}");
        }
        for word in ["Will", "May", "Hope", "", "# names"] {
            assert!(!FIRST_NAMES.contains(&word), "{word}");
        }
        // Names invented for our own test articles are not general knowledge.
        for invented in ["Hendrik", "Joost", "Chidi", "Ngozi"] {
            assert!(!FIRST_NAMES.contains(&invented), "{invented}");
        }
    }
}
