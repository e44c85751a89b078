from ._common import A, E

C = "iraq_syria"
IBM = ["Popular Mobilization Forces", "Iran"]

ARTICLES = [
A("mw-2024-02-03-us-strikes-iraq-syria", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/02/03/us-strikes-iran-backed-groups-iraq-syria/",
  "2024-02-03", "U.S. strikes Iran-backed groups in Iraq and Syria after Jordan drone attack",
  C, "wire", ["dateline", "several_actors_one_phrase", "recap_background", "two_countries", "threat", "background"],
  """
  BAGHDAD/WASHINGTON, Feb 3 (Meridian Wire) - U.S. warplanes, including long-range B-1 bombers flown from the United States, struck more than 85 targets in Iraq and Syria on Friday linked to Iran's Revolutionary Guards and the militias it backs, in retaliation for a drone attack that killed three American soldiers in Jordan last weekend.

  In Iraq, the strikes hit positions around the border town of Al-Qaim, killing 16 people, including civilians, and wounding 25, a spokesman for the Iraqi government said, calling the raids a violation of Iraqi sovereignty.

  In Syria, the Syrian Observatory for Human Rights said at least 18 Iran-backed fighters were killed in strikes on Al-Bukamal and its surroundings, and three more near Al-Mayadin.

  President Joe Biden said: "Our response began today. It will continue at times and places of our choosing."

  Kataib Hezbollah, the most powerful of the Iraqi groups, announced earlier in the week that it was suspending attacks on U.S. forces to avoid "embarrassing" the Iraqi government.
  """,
  [
    E("air_strike", "United States", "Iran-backed militias", "Al Qaim", "Al Anbar", "IRQ", "2024-02-02", 16, 25, ta=IBM, la=["Al-Qaim"]),
    E("air_strike", "United States", "Iran-backed militias", "Abu Kamal", "Deir ez-Zor", "SYR", "2024-02-02", 18, None, ta=IBM, la=["Al-Bukamal", "Albu Kamal"]),
    E("air_strike", "United States", "Iran-backed militias", "Al Mayadin", "Deir ez-Zor", "SYR", "2024-02-02", 3, None, ta=IBM, la=["Al-Mayadin"]),
  ],
  [("recap of an earlier happening (other country)", "a drone attack that killed three American soldiers in Jordan last weekend"),
   ("threat", "It will continue at times and places of our choosing"),
   ("non-violent announcement", "was suspending attacks on U.S. forces")]),

A("iri-2023-10-26-statement", "Islamic Resistance in Iraq (translation)",
  "https://translations.conflict-docs.example/iraq/2023/10/26/islamic-resistance-statement/",
  "2023-10-26", "Statement of the Islamic Resistance in Iraq (translated from Arabic)",
  C, "statement", ["translated_statement", "claim", "denial_of_effect", "interception_with_place", "zero_casualties_stated", "two_countries", "threat"],
  """
  Statement of the Islamic Resistance in Iraq (translated from Arabic; posted on the group's Telegram channel).

  In continuation of our response to the crimes of the enemy against our people in Gaza, the mujahideen of the Islamic Resistance in Iraq targeted at dawn today, Thursday, the American occupation base of Ain al-Asad in western Iraq with two drones, and they hit their targets directly.

  The mujahideen also targeted the occupation base at Harir airport in Erbil governorate with a drone, and the American occupation base in al-Shaddadi, in Syria's Hasakah countryside, with a drone.

  We affirm that our operations will continue and will intensify as long as the occupation forces remain on the land of Iraq and the enemy continues its aggression.

  Editor's note: A U.S. defence official said a drone launched at Ain al-Asad on Thursday was shot down and that there were no injuries or damage. The Pentagon did not comment on the other two claims.
  """,
  [
    E("air_strike", "Iran-backed militias", "United States", "Ain al-Asad air base", "Al Anbar", "IRQ", "2023-10-26", 0, 0, aa=["Popular Mobilization Forces"], la=["Ain al-Asad"]),
    E("air_strike", "Iran-backed militias", "United States", "Harir", "Erbil", "IRQ", "2023-10-26", aa=["Popular Mobilization Forces"], la=["Harir airport"]),
    E("air_strike", "Iran-backed militias", "United States", "Al-Shaddadi", "Al-Hasakah", "SYR", "2023-10-26", aa=["Popular Mobilization Forces"], la=["Ash Shaddadi", "Shaddadi"]),
  ],
  [("conditional threat", "our operations will continue and will intensify as long as")]),

A("nes-2024-10-25-turkish-strikes", "North-East Syria Today",
  "https://nes-today.example/news/2024/10/25/turkish-drones-strike-derik-qamishli-kobani/",
  "2024-10-25", "Turkish drones and jets strike north-east Syria for second day",
  C, "local", ["several_places", "alt_place_name", "aggregate_total", "vague_location_no_event", "denial", "recap_background"],
  """
  QAMISHLI - Turkish drones and warplanes pounded north-east Syria for a second day on Thursday, hitting bakeries, power stations and checkpoints, the Kurdish-led Autonomous Administration said, after Ankara blamed Kurdish militants for a deadly attack near its capital.

  In Derik (al-Malikiyah), a drone struck a bakery as people queued for bread, killing five civilians, including a child, and wounding seven, the local health authority said.

  Turkish jets also hit a power station near Qamishli, killing two workers and cutting electricity to much of the city. In Kobani, a drone struck a checkpoint of the Asayish internal security forces, killing two of its members.

  The SDF said Turkish attacks had killed at least 12 civilians since Wednesday night.

  Turkey's defence ministry said it had struck 32 targets belonging to the PKK and the YPG in Iraq and Syria, "neutralising" 59 militants, but gave no locations. SDF commander Mazloum Abdi denied that any SDF members had been involved in the attack on the defence company TUSAS near Ankara, which killed five people.
  """,
  [
    E("air_strike", "Turkey", "Civilians", "Al Malikiyah", "Al-Hasakah", "SYR", "2024-10-24", 5, 7, la=["Derik", "al-Malikiyah"]),
    E("air_strike", "Turkey", "Civilians", "Qamishli", "Al-Hasakah", "SYR", "2024-10-24", 2, None, la=["Al Qamishli"]),
    E("air_strike", "Turkey", "SDF", "Kobani", "Aleppo", "SYR", "2024-10-24", 2, None, la=["Ayn al-Arab", "Kobane"]),
  ],
  [("aggregate (two days)", "had killed at least 12 civilians since Wednesday night"),
   ("no location", "struck 32 targets belonging to the PKK and the YPG in Iraq and Syria"),
   ("denial / recap (other country)", "denied that any SDF members had been involved in the attack on the defence company TUSAS")]),

A("mw-2024-11-30-rebels-aleppo", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/11/30/syria-rebels-aleppo-hts-offensive/",
  "2024-11-30", "Syrian rebels sweep into Aleppo, seize towns on highway to Hama",
  C, "wire", ["dateline", "several_actors_one_phrase", "dozens", "territory_capture", "aggregate_total", "threat", "background"],
  """
  BEIRUT, Nov 30 (Meridian Wire) - Syrian rebels led by the Islamist group Hayat Tahrir al-Sham swept into much of Aleppo on Friday, the first time opposition fighters have entered the city since they were driven out in 2016, residents and a war monitor said.

  The Syrian army acknowledged on Saturday that dozens of its soldiers had been killed in the fighting in Aleppo and said it was redeploying to prepare a counter-attack.

  On Saturday, the rebels captured the towns of Maarat al-Numan and Saraqeb on the M5 highway south of Aleppo, the Syrian Observatory for Human Rights said.

  Russian and Syrian warplanes struck the rebel-held city of Idlib on Saturday, killing four civilians, the White Helmets rescue service said.

  The Observatory said more than 300 people, most of them fighters, had been killed since the offensive began on Wednesday. President Bashar al-Assad vowed to defeat the "terrorists", and Moscow promised to keep supporting his government.
  """,
  [
    E("armed_clash", "HTS", "Syrian government", "Aleppo", "Aleppo", "SYR", "2024-11-29", 12, None, aa=["Syrian opposition"]),
    E("armed_clash", "HTS", "Syrian government", "Maarat al-Numan", "Idlib", "SYR", "2024-11-30", aa=["Syrian opposition"], la=["Ma'arrat al-Nu'man", "Maarat an Numan"]),
    E("armed_clash", "HTS", "Syrian government", "Saraqeb", "Idlib", "SYR", "2024-11-30", aa=["Syrian opposition"], la=["Saraqib"]),
    E("air_strike", "Russia", "Civilians", "Idlib", "Idlib", "SYR", "2024-11-30", 4, None, aa=["Syrian government"]),
  ],
  [("aggregate (several days)", "more than 300 people, most of them fighters, had been killed since the offensive began"),
   ("threat", "vowed to defeat the \"terrorists\""),
   ("background", "since they were driven out in 2016")]),
]

ARTICLES.append(A(
  "ll-2024-12-08-live-damascus-falls", "Levant Live",
  "https://levant-live.example/live/2024/12/08/rebels-enter-damascus-assad-flees/",
  "2024-12-08", "LIVE: Rebels enter Damascus as Assad's rule collapses",
  C, "liveblog", ["liveblog", "territory_capture_no_resistance", "hedged_attribution", "non_violent_moves", "feature_location", "overnight_date"],
  """
  04:10 - Rebel commanders say their fighters have entered Damascus from several directions and have met no resistance from the army. Hayat Tahrir al-Sham's leader says the capital is "free".

  05:30 - Rebels took full control of Homs early on Sunday after government forces withdrew from the city, the Syrian Observatory for Human Rights says.

  06:45 - Prime Minister Mohammed Ghazi al-Jalali says in a video that he is ready to cooperate with "any leadership chosen by the people".

  09:00 - Russia's foreign ministry says President Bashar al-Assad has left Syria after talks with parties to the conflict and given instructions for a peaceful transfer of power.

  13:20 - Residents report heavy explosions at the Mezzeh military airport in Damascus. They say Israeli jets carried out the strikes; Israel's military declines to comment.

  15:10 - Israeli troops are moving into the demilitarised buffer zone on the Golan Heights, Prime Minister Benjamin Netanyahu says, calling it a temporary defensive position.

  17:45 - Clashes are reported between Turkish-backed Syrian National Army factions and the SDF around Manbij, east of Aleppo.

  21:00 - U.S. Central Command says American aircraft struck more than 75 Islamic State targets in the central Syrian desert on Sunday, to stop the group exploiting the chaos.
  """,
  [
    E("armed_clash", "HTS", "Syrian government", "Damascus", "Damascus", "SYR", "2024-12-08", aa=["Syrian opposition"]),
    E("armed_clash", "HTS", "Syrian government", "Homs", "Homs", "SYR", "2024-12-08", aa=["Syrian opposition"]),
    E("air_strike", "Israel", "Syrian government", "Damascus", "Damascus", "SYR", "2024-12-08", la=["Mezzeh military airport", "Mezzeh"]),
    E("armed_clash", "Syrian opposition", "SDF", "Manbij", "Aleppo", "SYR", "2024-12-08", ta=["Syrian opposition"], aa=["SDF"]),
    E("air_strike", "United States", "Islamic State", "Syrian Desert", "Homs", "SYR", "2024-12-08", la=["central Syrian desert", "Badia", "Syrian Desert (Badia)"]),
  ],
  [("non-violent statement", "he is ready to cooperate with \"any leadership chosen by the people\""),
   ("non-violent", "President Bashar al-Assad has left Syria"),
   ("troop movement without fighting", "Israeli troops are moving into the demilitarised buffer zone")]))
