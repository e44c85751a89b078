from ._common import A, E

C = "somalia"

ARTICLES = [
A("mw-2024-08-03-lido-beach-attack", "Meridian Wire",
  "https://www.meridian-wire.example/world/africa/2024/08/03/mogadishu-lido-beach-attack/",
  "2024-08-03", "Al Shabaab suicide bomber and gunmen kill 32 at Mogadishu beach",
  C, "wire", ["dateline", "weekday_date", "complex_attack_one_event", "claim", "background", "threat"],
  """
  MOGADISHU, Aug 3 (Meridian Wire) - At least 32 people were killed and 63 wounded when a suicide bomber blew himself up and gunmen stormed a beachfront restaurant on Mogadishu's Lido beach on Friday evening, police said.

  Families had crowded onto the beach at the end of the week when the bomber detonated his vest at the restaurant entrance and the gunmen opened fire on diners, witnesses said. Security forces ended the siege after about an hour and captured one of the attackers, police spokesman Abdifatah Aden Hassan said.

  The al Qaeda-linked group al Shabaab claimed responsibility in a statement on its radio station.

  Al Shabaab has repeatedly attacked the beach, a symbol of the capital's fragile recovery. In October 2022, twin car bombs at the education ministry in Mogadishu killed more than 120 people.

  The group has vowed to step up attacks as the African Union peacekeeping mission draws down.
  """,
  [
    E("explosion", "Al-Shabaab", "Civilians", "Mogadishu", "Banaadir", "SOM", "2024-08-02", 32, 63),
  ],
  [("background", "In October 2022, twin car bombs at the education ministry in Mogadishu killed more than 120 people."),
   ("threat", "The group has vowed to step up attacks")]),

A("som-moi-2023-01-20-galcad-statement", "Somali Ministry of Information (translation)",
  "https://translations.conflict-docs.example/somalia/2023/01/20/galcad-statement/",
  "2023-01-20", "Ministry of Information statement on the Galcad attack (translated from Somali), with US Africa Command note",
  C, "statement", ["translated_statement", "from_target_perspective", "sum_of_figures", "pejorative_actor_names", "estimated_figure", "intent"],
  """
  Federal Republic of Somalia, Ministry of Information, Culture and Tourism. Press statement (translated from Somali).

  The Federal Government of Somalia announces that today, Friday 20 January 2023, the Somali National Army, together with local forces, heroically repelled an attack by the Khawarij on their base in the Galcad area of Galgaduud region. More than 100 Khawarij were killed in the fighting, and seven of our soldiers were martyred.

  The Government thanks its international partners for their support. The war against the Khawarij will continue until the last of them is eliminated from our land.

  Note: US Africa Command said in a separate statement that it had conducted a collective self-defence air strike near Galcad, about 260 km north-east of Mogadishu, on 20 January at the request of the Somali government, killing an estimated 30 al-Shabaab fighters. It said no civilians were injured or killed.
  """,
  [
    E("armed_clash", "Al-Shabaab", "Somali government", "Galcad", "Galguduud", "SOM", "2023-01-20", 107, None, la=["Galcad area"]),
    E("air_strike", "United States", "Al-Shabaab", "Galcad", "Galguduud", "SOM", "2023-01-20", 30, None),
  ],
  [("statement of intent", "The war against the Khawarij will continue")]),

A("sct-2023-05-22-weekly-summary", "Somalia Conflict Tracker",
  "https://somalia-conflict-tracker.example/weekly/2023/05/22/15-21-may/",
  "2023-05-22", "Somalia weekly incident summary, 15-21 May 2023",
  C, "bulletin", ["bulletin_terse", "casualty_range_lowest", "hedged_attribution", "abduction", "car_bomb", "vague_claim_excluded"],
  """
  Incidents recorded 15-21 May 2023. Figures are the lowest reported.

  Banaadir
  - 16 May, Mogadishu: three mortar shells landed near the Halane base close to Aden Adde airport, injuring two airport workers. Al-Shabaab claimed the attack.

  Hiiraan
  - 17 May, Beledweyne: a car bomb exploded at a Somali army checkpoint on the outskirts of the town, killing 4 soldiers and 2 civilians, according to local officials. Al-Shabaab was suspected.

  Lower Shabelle
  - 18 May, near Afgooye: Al-Shabaab fighters attacked a Somali army base; between 8 and 10 soldiers were killed, military sources said.

  Galgaduud
  - 19 May, near Dhusamareb: Al-Shabaab publicly executed two men it accused of spying for the government.

  Bay
  - 20 May, near Baidoa: Al-Shabaab fighters abducted five clan elders travelling to a reconciliation meeting.

  Not counted: a government claim that "dozens of militants" were killed in an operation in Middle Shabelle, which gave no date or location.
  """,
  [
    E("shelling", "Al-Shabaab", "Civilians", "Mogadishu", "Banaadir", "SOM", "2023-05-16", None, 2, la=["Aden Adde airport", "Halane"]),
    E("explosion", "Al-Shabaab", "Somali government", "Beledweyne", "Hiiraan", "SOM", "2023-05-17", 6, None, aa=["Unidentified armed group"], ta=["Civilians"]),
    E("armed_clash", "Al-Shabaab", "Somali government", "Afgooye", "Shabeellaha Hoose", "SOM", "2023-05-18", 8, None),
    E("attack_on_civilians", "Al-Shabaab", "Civilians", "Dhusamareb", "Galguduud", "SOM", "2023-05-19", 2, None, la=["Dhuusamarreeb"]),
    E("attack_on_civilians", "Al-Shabaab", "Civilians", "Baidoa", "Bay", "SOM", "2023-05-20"),
  ],
  [("vague claim, explicitly excluded", "a government claim that \"dozens of militants\" were killed")]),
]
