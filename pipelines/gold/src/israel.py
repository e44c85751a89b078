from ._common import A, E

C = "israel_gaza_lebanon"

ARTICLES = [
A("mw-2023-10-31-jabalia-strike", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2023/10/31/israeli-strike-jabalia-camp/",
  "2023-10-31", "Israeli strike on Gaza's Jabalia camp kills dozens; two soldiers killed in ground fighting",
  C, "wire", ["dateline", "combined_figure_ignored", "target_claimed_militant", "zero_casualties_stated", "background", "plan"],
  """
  GAZA/JERUSALEM, Oct 31 (Meridian Wire) - An Israeli air strike flattened a block of buildings in the Jabalia refugee camp in the northern Gaza Strip on Tuesday, killing at least 50 Palestinians and wounding about 150, the director of the nearby Indonesian hospital said.

  The Hamas-run interior ministry said around 400 people had been killed or wounded, without separating the two.

  The Israeli military said the strike had killed Ibrahim Biari, a Hamas commander it said was one of the planners of the Oct. 7 attack on southern Israel, along with "a large number" of Hamas fighters in tunnels beneath the buildings.

  Two Israeli soldiers were killed in fighting with Hamas militants near Beit Hanoun on Tuesday, the military said, the first combat deaths it has announced since ground troops pushed into the enclave last week. Hamas's armed wing said its fighters had destroyed several Israeli tanks in the area with anti-tank missiles.

  Hamas's armed wing also said it fired a barrage of rockets at Tel Aviv, setting off sirens across the city. No injuries were reported.

  Prime Minister Benjamin Netanyahu rejected calls for a ceasefire, and Israeli officials said ground operations would be expanded in the coming days.
  """,
  [
    E("air_strike", "Israel", "Civilians", "Jabalia", "Gaza Strip", "PSE", "2023-10-31", 50, 150, ta=["Hamas"], la=["Jabalia refugee camp", "Jabalya"]),
    E("armed_clash", "Israel", "Hamas", "Beit Hanoun", "Gaza Strip", "PSE", "2023-10-31", 2, None, aa=["Hamas"], ta=["Israel"], la=["Bayt Hanun"]),
    E("shelling", "Hamas", "Israel", "Tel Aviv", "Tel Aviv District", "ISR", "2023-10-31", 0, 0),
  ],
  [("combined killed-or-wounded figure", "around 400 people had been killed or wounded, without separating the two"),
   ("background", "one of the planners of the Oct. 7 attack on southern Israel"),
   ("plan", "ground operations would be expanded in the coming days")]),

A("lbn-2024-09-23-live-israel-strikes", "Levant Live",
  "https://levant-live.example/live/2024/09/23/israel-strikes-south-lebanon-bekaa/",
  "2024-09-23", "LIVE: Israel pounds southern Lebanon and Bekaa in heaviest strikes in decades",
  C, "liveblog", ["liveblog", "warning", "aggregate_total", "toll_revision_national", "claim", "implicit_actor", "several_places"],
  """
  07:15 - The Israeli military says it is striking Hezbollah targets "extensively" in southern Lebanon and urges residents of villages where the group stores weapons to leave their homes immediately.

  08:40 - Lebanon's National News Agency reports air strikes on the outskirts of Nabatieh and in the town of Qana, south-east of Tyre.

  10:05 - Cars are backed up for kilometres on the coastal highway north towards Sidon as families flee the south.

  11:30 - Strikes have now hit the Bekaa valley, including the area around Baalbek, according to the town's governor.

  13:10 - Health ministry: 182 people killed and 727 wounded in Israeli strikes since the morning.

  14:20 - Hezbollah says it fired dozens of rockets at the Ramat David air base south-east of Haifa.

  15:00 - Israeli medics say a man was lightly wounded by shrapnel when a rocket fired from Lebanon landed in Safed.

  21:30 - Latest health ministry figures: 492 people killed, including 35 children, and 1,645 wounded across Lebanon. It is the deadliest day in Lebanon since the end of the civil war.

  22:00 - Prime Minister Benjamin Netanyahu says Israel will "continue to strike Hezbollah" until residents of northern Israel can return home.
  """,
  [
    E("air_strike", "Israel", "Hezbollah", "Nabatieh", "Nabatieh", "LBN", "2024-09-23", ta=["Civilians"], la=["Nabatiyeh", "Nabatieh et Tahta"]),
    E("air_strike", "Israel", "Hezbollah", "Qana", "South Lebanon", "LBN", "2024-09-23", ta=["Civilians"]),
    E("air_strike", "Israel", "Hezbollah", "Baalbek", "Baalbek-Hermel", "LBN", "2024-09-23", ta=["Civilians"]),
    E("shelling", "Hezbollah", "Israel", "Ramat David", "Northern District", "ISR", "2024-09-23", la=["Ramat David air base"]),
    E("shelling", "Hezbollah", "Civilians", "Safed", "Northern District", "ISR", "2024-09-23", None, 1, aa=["Unidentified armed group"], ta=["Israel"]),
  ],
  [("warning", "urges residents of villages where the group stores weapons to leave"),
   ("aggregate (national)", "492 people killed, including 35 children, and 1,645 wounded across Lebanon"),
   ("statement of intent", "Israel will \"continue to strike Hezbollah\"")]),

A("idf-2024-01-25-daily-update", "Israel Defense Forces (translation)",
  "https://translations.conflict-docs.example/idf/2024/01/25/daily-operational-update/",
  "2024-01-25", "IDF operational update (translated from Hebrew)",
  C, "statement", ["translated_statement", "approximately", "yesterday_date", "zero_casualties_stated", "counter_battery", "intent"],
  """
  IDF operational update, Thursday 25 January 2024 (translated from Hebrew).

  Yesterday (Wednesday), IDF troops continued to operate in western Khan Yunis. Forces of the 98th Division completed the encirclement of the area and eliminated approximately 30 terrorists in close-quarters combat and with the assistance of aerial strikes.

  In the central Gaza Strip, IAF fighter jets struck a Hamas rocket launch post in the area of Bureij yesterday, from which launches toward Israeli territory had been carried out.

  Also yesterday, the Hezbollah terrorist organisation launched an anti-tank missile toward the area of Metula. No injuries were reported. IDF artillery struck the source of the launch in the area of Kfar Kila.

  The IDF will continue to operate with determination to achieve the goals of the war.
  """,
  [
    E("armed_clash", "Israel", "Hamas", "Khan Yunis", "Gaza Strip", "PSE", "2024-01-24", 30, None, la=["Khan Younis", "western Khan Yunis"]),
    E("air_strike", "Israel", "Hamas", "Bureij", "Gaza Strip", "PSE", "2024-01-24", la=["Al Burayj"]),
    E("shelling", "Hezbollah", "Israel", "Metula", "Northern District", "ISR", "2024-01-24", 0, 0),
    E("shelling", "Israel", "Hezbollah", "Kfar Kila", "Nabatieh", "LBN", "2024-01-24"),
  ],
  [("statement of intent", "The IDF will continue to operate with determination")]),

A("gn-2024-05-27-rafah-tent-strike", "Gaza Now Local",
  "https://gaza-now.example/news/2024/05/27/rafah-tal-as-sultan-tents-strike/",
  "2024-05-27", "At least 45 killed as Israeli strike sets fire to tents in Rafah",
  C, "local", ["toll_revision", "weekday_date", "target_claimed_militant", "interception_with_place", "zero_casualties_stated", "background"],
  """
  At least 45 people, most of them women and children, were killed on Sunday night when an Israeli air strike hit an area of tents sheltering displaced families in Tal as-Sultan, north-west of Rafah, the health ministry in Gaza said on Monday.

  Civil defence teams had initially reported 35 dead. The ministry later raised the toll to 45 and said 249 people were wounded, many of them with burns after the strike set fire to the plastic and canvas shelters.

  The Israeli military said its aircraft had struck a Hamas compound and killed two senior Hamas officials responsible for operations in the West Bank. Prime Minister Benjamin Netanyahu told parliament on Monday that "something went tragically wrong".

  Earlier on Sunday, Hamas's armed wing fired a barrage of rockets from Rafah at Tel Aviv, setting off sirens in central Israel for the first time in months. The Israeli military said eight projectiles crossed from the Rafah area and several were intercepted. Magen David Adom said no one was hurt.

  Israel began its ground operation in Rafah in early May, forcing hundreds of thousands of people to flee the city.
  """,
  [
    E("air_strike", "Israel", "Civilians", "Rafah", "Gaza Strip", "PSE", "2024-05-26", 45, 249, ta=["Hamas"], la=["Tal as-Sultan"]),
    E("shelling", "Hamas", "Israel", "Tel Aviv", "Tel Aviv District", "ISR", "2024-05-26", 0, 0),
  ],
  [("background", "Israel began its ground operation in Rafah in early May")]),

A("opt-2024-08-30-west-bank-digest", "OPT Field Monitor",
  "https://opt-field-monitor.example/digests/2024/08/30/west-bank-28-29-august/",
  "2024-08-30", "West Bank incident digest, 28-29 August 2024",
  C, "bulletin", ["bulletin_terse", "target_disputed", "settler_violence", "ied", "excluded_non_violent"],
  """
  Incidents recorded on 28-29 August 2024 during and around the Israeli military operation in the northern West Bank.

  - 28 Aug, Jenin: Israeli forces began a large-scale operation in Jenin city and camp and exchanged fire with fighters of the al-Quds Brigades' Jenin battalion. 2 Palestinians killed.

  - 28 Aug, Tubas governorate: an Israeli drone strike in Far'a refugee camp killed 4 Palestinians. Israel said they were members of an armed cell.

  - 28 Aug, Tulkarm: an Israeli aircraft struck a house in Nur Shams refugee camp, killing 5 Palestinians whom Israel described as militants.

  - 29 Aug, Bethlehem governorate: Israeli settlers entered the village of Wadi Rahal and opened fire on residents, killing 1 Palestinian man and injuring another.

  - 29 Aug, Jenin: an explosive device detonated against an Israeli military vehicle in Jenin camp, injuring 2 soldiers. The al-Quds Brigades claimed responsibility.

  - Arrests and house searches in Hebron and Nablus during the period are not included in this digest.
  """,
  [
    E("armed_clash", "Israel", "Palestinian Islamic Jihad", "Jenin", "West Bank", "PSE", "2024-08-28", 2, None, la=["Jenin camp"]),
    E("air_strike", "Israel", "Unidentified armed group", "Far'a refugee camp", "West Bank", "PSE", "2024-08-28", 4, None, ta=["Civilians"], la=["Far'a", "Tubas"]),
    E("air_strike", "Israel", "Unidentified armed group", "Nur Shams refugee camp", "West Bank", "PSE", "2024-08-28", 5, None, ta=["Civilians"], la=["Nur Shams", "Tulkarm"]),
    E("attack_on_civilians", "Israeli settlers", "Civilians", "Wadi Rahal", "West Bank", "PSE", "2024-08-29", 1, 1),
    E("explosion", "Palestinian Islamic Jihad", "Israel", "Jenin", "West Bank", "PSE", "2024-08-29", None, 2, la=["Jenin camp"]),
  ],
  [("non-violent, explicitly excluded", "Arrests and house searches in Hebron and Nablus")]),

A("mw-2024-07-28-majdal-shams", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/07/28/rocket-kills-children-golan-football-pitch/",
  "2024-07-28", "Rocket kills 12 children on Golan football pitch; Israel strikes Lebanon",
  C, "wire", ["dateline", "denial", "hedged_attribution", "occupied_territory_country", "overnight_date", "threat", "two_places_one_sentence"],
  """
  MAJDAL SHAMS, Golan Heights, July 28 (Meridian Wire) - A rocket slammed into a football pitch in the Druze town of Majdal Shams in the Israeli-occupied Golan Heights on Saturday, killing 12 children and teenagers and wounding at least 30 others, Israeli officials said.

  Israel blamed Hezbollah, saying the group had fired an Iranian-made Falaq-1 rocket from an area north of the village of Chebaa. Hezbollah, which said it had fired rockets at Israeli military positions on Saturday, firmly denied any involvement in the strike on Majdal Shams.

  Early on Sunday, Israeli warplanes struck Hezbollah targets in Chebaa and Kfar Kila in southern Lebanon, as well as sites "deep inside Lebanese territory", the military said. There was no immediate word on casualties.

  Prime Minister Benjamin Netanyahu, who cut short a visit to the United States, said Hezbollah would "pay a heavy price". U.S. officials said they were working to prevent a wider war.
  """,
  [
    E("shelling", "Hezbollah", "Civilians", "Majdal Shams", "Quneitra", "SYR", "2024-07-27", 12, 30, ta=["Israel"]),
    E("air_strike", "Israel", "Hezbollah", "Chebaa", "Nabatieh", "LBN", "2024-07-28", la=["Shebaa"]),
    E("air_strike", "Israel", "Hezbollah", "Kfar Kila", "Nabatieh", "LBN", "2024-07-28"),
  ],
  [("denial", "firmly denied any involvement in the strike on Majdal Shams"),
   ("vague claim, no place", "fired rockets at Israeli military positions on Saturday"),
   ("no named place", "sites \"deep inside Lebanese territory\""),
   ("threat", "Hezbollah would \"pay a heavy price\"")]),

A("mw-2024-01-02-arouri-beirut", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/01/02/hamas-arouri-killed-beirut-strike/",
  "2024-01-02", "Senior Hamas official Arouri killed in Beirut drone strike",
  C, "wire", ["dateline", "unclaimed_attribution", "passive_voice", "threat", "background", "district_of_city"],
  """
  BEIRUT, Jan 2 (Meridian Wire) - Senior Hamas official Saleh al-Arouri was killed on Tuesday in a drone strike on an office in Beirut's southern suburbs, Hamas and Lebanese security sources said, in an attack widely attributed to Israel.

  Six other people, including two commanders of Hamas's armed wing, were killed in the blast in the Dahiyeh district, a Hezbollah stronghold, Lebanon's state news agency said. At least 11 people were wounded.

  The Israeli military did not comment directly on the strike. Its chief spokesman said only that Israeli forces were "on very high readiness" on all fronts.

  Hezbollah said the killing was a serious assault on Lebanon that would "not go unpunished". Arouri, 57, was a founder of Hamas's armed wing in the West Bank and a close ally of Hamas political leader Ismail Haniyeh.
  """,
  [
    E("air_strike", "Israel", "Hamas", "Beirut", "Mount Lebanon", "LBN", "2024-01-02", 7, 11, la=["Dahiyeh", "Beirut's southern suburbs"]),
  ],
  [("threat", "would \"not go unpunished\""),
   ("background", "was a founder of Hamas's armed wing in the West Bank")]),
]
