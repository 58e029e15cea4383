"""Word lists for telling people, organisations and places apart."""

from __future__ import annotations

# fmt: off
# Capitalised job titles written before a name: "Treasurer Annette Marchbanks",
# "Midfielder Lucía Marín-Soto", "County Commissioner Dale Prentiss".
ROLE_TITLES = {
    "agent", "alderman", "archbishop", "assemblyman", "assemblywoman", "assistant",
    "associate", "attorney", "aunt", "bishop", "brother", "captain", "cardinal", "chair",
    "chairman", "chairwoman", "chancellor", "chief", "cmdr", "cmdr.", "coach", "commissioner",
    "congressman", "congresswoman", "constable", "councillor", "councilman", "councilmember",
    "councilwoman", "county", "deacon", "dean", "defender", "deputy", "detective", "director",
    "elder", "executive", "father", "former", "forward", "general", "goalkeeper", "governor",
    "head", "imam", "inspector", "interim", "judge", "justice", "lieutenant", "lt", "lt.",
    "manager", "mayor", "midfielder", "minister", "nurse", "officer", "pastor", "pope",
    "premier", "president", "principal", "professor", "prosecutor", "provost", "quarterback",
    "rabbi", "reverend", "secretary", "senator", "sergeant", "sgt", "sgt.", "sheriff",
    "sister", "speaker", "state", "striker", "superintendent", "supt", "supt.", "treasurer",
    "trooper", "trustee", "uncle", "vice",
    # office titles: "Clerk Ada Voss" is Ada Voss
    "clerk", "comptroller", "registrar", "warden", "marshal", "ambassador",
    # occupations a sentence-initial name often carries: "Model Ella Price said"
    "actor", "actress", "anchor", "author", "chef", "comedian", "dancer", "designer",
    "editor", "gymnast", "host", "journalist", "model", "musician", "photographer",
    "producer", "rapper", "reporter", "screenwriter", "showrunner", "singer", "star",
    "swimmer", "writer", "restaurateur", "entrepreneur", "investor", "financier",
    "developer", "publisher", "broadcaster", "presenter", "mogul", "canon", "rt", "rev",
    "rev.", "very", "right", "monsignor", "vicar", "archdeacon", "chaplain", "rector"
}
# Nouns for a person that a name can be set off against: "another volunteer, Beverly Haugland".
PERSON_NOUNS = {
    "accuser", "aide", "analyst", "assistant", "attorney", "boyfriend", "brother", "candidate",
    "coach", "colleague", "contractor", "daughter", "detective", "driver", "employee",
    "farmer", "father", "friend", "girlfriend", "husband", "intern", "landlord", "lawyer",
    "member", "mother", "neighbor", "neighbour", "nurse", "officer", "official", "owner",
    "partner", "plaintiff", "player", "pupil", "researcher", "resident", "sister", "son",
    "spokesman", "spokesperson", "spokeswoman", "staffer", "student", "teacher", "teammate",
    "tenant", "victim", "volunteer", "wife", "witness", "woman", "worker"
}
# Last words that make a capitalised run an organisation, never a person.
ORG_END = {
    "academy", "advisers", "advisors", "afc", "ag", "agency", "airlines", "airways",
    "alliance", "associates", "association", "authority", "ballet", "bancorp", "bank", "board",
    "brands", "bureau", "capital", "center", "centre", "cf", "chronicle", "church", "clinic",
    "club", "co-op", "co.", "coalition", "collective", "college", "commission", "committee",
    "company", "consulting", "cooperative", "corp", "corp.", "corporation", "council",
    "courier", "daily", "department", "dispatch", "energy", "entertainment", "fc",
    "federation", "fellowship", "foods", "foundation", "fund", "gallery", "gazette", "gmbh",
    "group", "guild", "hardware", "herald", "holdings", "hospital", "hotels", "inc", "inc.",
    "industries", "initiative", "institute", "insurance", "journal", "labs", "league",
    "ledger", "library", "llc", "llp", "logistics", "ltd", "ltd.", "magazine", "management",
    "media", "ministries", "ministry", "motors", "museum", "mutual", "network", "news",
    "office", "opera", "orchestra", "partners", "partnership", "party", "pharmaceuticals",
    "pictures", "plc", "post", "press", "productions", "program", "programme", "project",
    "radio", "records", "resorts", "restaurants", "review", "sa", "sc", "school", "securities",
    "seminary", "sentinel", "services", "society", "solutions", "stores", "studios", "systems",
    "technologies", "television", "theater", "theatre", "times", "tribune", "trust", "tv",
    "union", "united", "university", "ventures", "weekly",
    "software", "bakery", "bistro", "brewery", "cafe", "café", "diner", "grill", "osteria",
    "pizzeria", "restaurant", "taqueria", "tavern", "trattoria", "diocese", "cathedral",
    "police", "hotel", "casino", "playhouse", "cinema", "festival", "stadium", "arena"
}
# Last words of place names: "Larch River", "Carrow Falls", "Mill Street".
PLACE_END = {
    "ave", "ave.", "avenue", "bay", "beach", "blvd", "boulevard", "bridge", "canyon",
    "coast", "county", "creek", "desert", "district", "falls", "forest", "harbor", "harbour",
    "heights", "highway", "hills", "island", "islands", "lake", "mountain", "mountains",
    "ocean", "park", "peninsula", "rd", "river", "road", "route", "sea", "springs", "square",
    "st", "st.", "strait", "street", "township", "trail", "valley", "village"
}
# Job-title acronyms the model tags ORG.
ROLE_ACRONYMS = {
    "ceo", "cfo", "cio", "cmo", "coo", "cto", "evp", "gm", "hr", "pr", "svp", "vp"
}
# "Tom Whitcombe" and "Thomas R. Whitcombe" are one person.
NICKNAMES = {
    "tom": "thomas", "tommy": "thomas", "bill": "william", "will": "william", "billy":
    "william", "liam": "william", "bob": "robert", "rob": "robert", "bobby": "robert",
    "robbie": "robert", "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael",
    "mick": "michael", "mickey": "michael", "dave": "david", "steve": "steven", "stephen":
    "steven", "chris": "christopher", "kate": "katherine", "katie": "katherine", "kathy":
    "katherine", "catherine": "katherine", "liz": "elizabeth", "beth": "elizabeth", "betty":
    "elizabeth", "lizzie": "elizabeth", "dan": "daniel", "danny": "daniel", "joe": "joseph",
    "joey": "joseph", "ben": "benjamin", "sam": "samuel", "tony": "anthony", "nick":
    "nicholas", "matt": "matthew", "andy": "andrew", "drew": "andrew", "pat": "patrick",
    "rick": "richard", "rich": "richard", "dick": "richard", "richie": "richard", "ed":
    "edward", "eddie": "edward", "ted": "edward", "greg": "gregory", "jeff": "jeffrey", "jon":
    "jonathan", "larry": "lawrence", "jerry": "gerald", "ron": "ronald", "don": "donald",
    "ken": "kenneth", "tim": "timothy", "alex": "alexander", "sandy": "alexandra", "peggy":
    "margaret", "maggie": "margaret", "meg": "margaret", "sue": "susan", "suzy": "susan",
    "jenny": "jennifer", "jen": "jennifer", "becky": "rebecca", "vicky": "victoria", "abby":
    "abigail", "pam": "pamela", "debbie": "deborah", "deb": "deborah", "cindy": "cynthia",
    "terry": "terence", "charlie": "charles", "chuck": "charles", "hank": "henry", "harry":
    "henry", "jack": "john", "johnny": "john", "fred": "frederick", "freddie": "frederick",
    "al": "albert", "walt": "walter", "phil": "philip", "doug": "douglas", "gerry": "gerald",
    "frank": "francis", "fran": "frances", "nate": "nathan", "zach": "zachary"
}
# Capitalised words that open a sentence or a clause but never a name.
NOT_FIRST_NAMES = {
    "a", "after", "also", "an", "and", "april", "as", "asked", "at", "august", "before",
    "both", "but", "by", "dame", "december", "dr", "dr.", "february", "for", "former",
    "friday", "from", "her", "his", "if", "in", "its", "january", "july", "june", "lady",
    "lord", "march", "may", "meanwhile", "monday", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
    "my", "neither", "november", "october", "of", "on", "or", "our", "said", "saturday",
    "says", "september", "sir", "still", "sunday", "that", "the", "their", "then", "this",
    "thursday", "to", "told", "tuesday", "wednesday", "when", "while", "with", "your"
}
# fmt: on
