from ._common import A, E

C = "sudan"

ARTICLES = [
A("mw-2023-04-15-khartoum-fighting", "Meridian Wire",
  "https://www.meridian-wire.example/world/africa/2023/04/15/sudan-army-rsf-clash-khartoum/",
  "2023-04-15", "Sudan's army and RSF battle in Khartoum as power struggle erupts",
  C, "wire", ["dateline", "several_actors_one_phrase", "mutual_blame", "denial", "claim", "aggregate_total", "background", "intent"],
  """
  KHARTOUM, April 15 (Meridian Wire) - Sudan's army and the paramilitary Rapid Support Forces fought pitched battles across Khartoum on Saturday, with heavy gunfire and explosions shaking the capital, as a power struggle between the country's two most powerful generals erupted into open conflict.

  Each side accused the other of starting the fighting. The RSF said it had taken control of the presidential palace, the residence of army chief General Abdel Fattah al-Burhan and Khartoum's international airport; the army called the claims "lies" and said its forces remained in control of all key sites.

  The Central Committee of Sudan Doctors said three civilians were killed in Khartoum, including two at the airport. Later on Saturday it said at least 56 civilians had been killed across the country and 595 people, including combatants, wounded.

  Army fighter jets carried out strikes on RSF bases in Omdurman, across the Nile from the capital, witnesses said, flying low over residential neighbourhoods.

  In the northern town of Merowe, RSF fighters seized the airport and a nearby air base, the paramilitary group said. Videos circulating online showed Egyptian soldiers who had been at the base for joint exercises sitting on the ground under RSF guard.

  The two forces staged a coup together in October 2021. The army said on Saturday there would be no negotiations until the RSF was dissolved.
  """,
  [
    E("armed_clash", "Sudanese Armed Forces", "Rapid Support Forces", "Khartoum", "Khartoum", "SDN", "2023-04-15", 3, None,
      aa=["Rapid Support Forces"], ta=["Sudanese Armed Forces"]),
    E("air_strike", "Sudanese Armed Forces", "Rapid Support Forces", "Omdurman", "Khartoum", "SDN", "2023-04-15"),
    E("armed_clash", "Rapid Support Forces", "Sudanese Armed Forces", "Merowe", "Northern", "SDN", "2023-04-15"),
  ],
  [("aggregate (nationwide)", "at least 56 civilians had been killed across the country"),
   ("background", "The two forces staged a coup together in October 2021"),
   ("statement of intent", "there would be no negotiations until the RSF was dissolved")]),

A("dsm-2024-05-15-north-darfur-log", "Darfur Situation Monitor",
  "https://darfur-monitor.example/logs/2024/05/15/north-darfur-11-14-may/",
  "2024-05-15", "North Darfur incident log, 11-14 May 2024",
  C, "bulletin", ["bulletin_terse", "dozens", "abduction", "unverified_excluded", "aggregate_total", "camp_location"],
  """
  Compiled from field monitors, hospital sources and local resistance committees. Figures are the lowest credible count.

  - In El Fasher, RSF shelling of the Abu Shouk displacement camp and surrounding neighbourhoods killed 5 civilians and injured 17 on 14 May.

  - In El Fasher, SAF aircraft bombed RSF positions in the eastern part of the city on 13 May. Casualties unknown.

  - In Zamzam camp, south of El Fasher, RSF fighters on motorbikes shot dead 2 displaced men collecting firewood on 13 May.

  - In Kutum, RSF fighters abducted 4 women from the market on 12 May.

  - Near Mellit, the army and allied joint forces clashed with the RSF on 11 May; dozens of fighters were reported killed on both sides.

  - Not included: unconfirmed reports of an air strike on a market in Kabkabiya, which could not be verified.

  Cumulative since 10 May: at least 27 civilians killed in El Fasher (hospital data).
  """,
  [
    E("shelling", "Rapid Support Forces", "Civilians", "El Fasher", "North Darfur", "SDN", "2024-05-14", 5, 17, la=["Al Fashir", "Abu Shouk"]),
    E("air_strike", "Sudanese Armed Forces", "Rapid Support Forces", "El Fasher", "North Darfur", "SDN", "2024-05-13", la=["Al Fashir"]),
    E("attack_on_civilians", "Rapid Support Forces", "Civilians", "Zamzam camp", "North Darfur", "SDN", "2024-05-13", 2, None, la=["Zamzam"]),
    E("attack_on_civilians", "Rapid Support Forces", "Civilians", "Kutum", "North Darfur", "SDN", "2024-05-12"),
    E("armed_clash", "Sudanese Armed Forces", "Rapid Support Forces", "Mellit", "North Darfur", "SDN", "2024-05-11", 12, None),
  ],
  [("unverified, explicitly excluded", "unconfirmed reports of an air strike on a market in Kabkabiya"),
   ("aggregate", "Cumulative since 10 May: at least 27 civilians killed in El Fasher")]),

A("gv-2024-06-06-wad-al-nourah", "Gezira Voice",
  "https://gezira-voice.example/news/2024/06/06/wad-al-nourah-rsf-attack/",
  "2024-06-06", "At least 100 killed as RSF storms Wad al-Nourah village",
  C, "local", ["casualty_range_lowest", "weekday_date", "counter_claim_same_event", "threat", "background"],
  """
  At least 100 people were killed on Wednesday when Rapid Support Forces fighters stormed the village of Wad al-Nourah in Al Jazirah state, the Wad Madani Resistance Committee said. Some activists in the area put the toll at more than 150.

  Witnesses said the fighters arrived in pickup trucks in the early morning, shelled the village and then went from house to house. "They shot anyone who came out," said a man who fled to a neighbouring village with his children and asked not to be named.

  UNICEF said it had received reports that at least 35 children were among the dead.

  In a statement, the RSF said its forces had attacked three army camps in the area and accused the army of arming local residents. It did not mention civilian casualties.

  The army's commander, General Abdel Fattah al-Burhan, vowed that the killings "will not pass without a strong response". The RSF took control of Wad Madani, the state capital, in December, and has since been accused of repeated attacks on villages across Gezira.
  """,
  [
    E("attack_on_civilians", "Rapid Support Forces", "Civilians", "Wad al-Nourah", "Al Jazirah", "SDN", "2024-06-05", 100, None, la=["Wad Al-Noura", "Wad an-Nourah"]),
  ],
  [("same happening from the perpetrator's side (not a second event)", "its forces had attacked three army camps in the area"),
   ("threat", "\"will not pass without a strong response\""),
   ("background", "The RSF took control of Wad Madani, the state capital, in December")]),

A("saf-2024-09-26-spokesman-statement", "Sudanese Armed Forces spokesman (translation)",
  "https://translations.conflict-docs.example/sudan/2024/09/26/saf-khartoum-crossing/",
  "2024-09-26", "Statement of the official spokesman of the Sudanese Armed Forces (translation)",
  C, "statement", ["translated_statement", "dozens", "alt_place_name", "pejorative_actor_names", "intent"],
  """
  Statement from the Official Spokesman of the Sudanese Armed Forces (translated from Arabic).

  In the early hours of this morning, Thursday, 26 September 2024, our heroic forces in the Khartoum, Bahri and Omdurman operational areas began a wide operation against the rebel Dagalo terrorist militia.

  Our forces crossed the White Nile Bridge and advanced into the al-Mogran district of central Khartoum, where they fought fierce battles with the rebels. At the same time, our forces crossed the Halfaya Bridge into Bahri (Khartoum North), inflicting heavy losses on the militia and killing dozens of its members.

  Our air force targeted gatherings of the rebel militia in the Jebel Aulia area, south of Khartoum, destroying a number of combat vehicles.

  In a desperate attempt to cover its defeat, the militia shelled the residential neighbourhoods of Karari in Omdurman with artillery today, martyring 6 citizens and injuring 19.

  The armed forces affirm that they will continue their operations until every inch of the homeland is cleansed of the rebellion.
  """,
  [
    E("armed_clash", "Sudanese Armed Forces", "Rapid Support Forces", "Khartoum", "Khartoum", "SDN", "2024-09-26", la=["al-Mogran"]),
    E("armed_clash", "Sudanese Armed Forces", "Rapid Support Forces", "Khartoum North", "Khartoum", "SDN", "2024-09-26", 12, None, la=["Bahri", "Halfaya Bridge"]),
    E("air_strike", "Sudanese Armed Forces", "Rapid Support Forces", "Jebel Aulia", "Khartoum", "SDN", "2024-09-26", la=["Jabal Awliya"]),
    E("shelling", "Rapid Support Forces", "Civilians", "Omdurman", "Khartoum", "SDN", "2024-09-26", 6, 19, la=["Karari"]),
  ],
  [("statement of intent", "they will continue their operations until every inch of the homeland is cleansed")]),

A("mw-2024-12-10-kabkabiya-market", "Meridian Wire",
  "https://www.meridian-wire.example/world/africa/2024/12/10/air-strike-kabkabiya-market-darfur/",
  "2024-12-10", "Air strike on Darfur market kills at least 100, lawyers' group says",
  C, "wire", ["dateline", "hedged_attribution", "casualty_range_lowest", "weekday_date", "two_events", "denial", "plan"],
  """
  CAIRO, Dec 10 (Meridian Wire) - An air strike on a crowded weekly market in the town of Kabkabiya in Sudan's North Darfur state killed at least 100 people on Monday, a Sudanese lawyers' group said, one of the deadliest single attacks on civilians in the 20-month war.

  The Emergency Lawyers group blamed the army, the only side in the conflict with warplanes. Local activists put the death toll as high as 175 and said more than 200 people were wounded.

  The army did not respond to requests for comment. It has previously denied targeting civilians and says it strikes only Rapid Support Forces positions.

  Separately, the RSF shelled the Abu Shouk displacement camp on the northern edge of El Fasher on Sunday, killing eight people, the El Fasher resistance committees said.

  The RSF has besieged El Fasher, the army's last stronghold in Darfur, since May and has said it intends to take the city.
  """,
  [
    E("air_strike", "Sudanese Armed Forces", "Civilians", "Kabkabiya", "North Darfur", "SDN", "2024-12-09", 100, 200),
    E("shelling", "Rapid Support Forces", "Civilians", "El Fasher", "North Darfur", "SDN", "2024-12-08", 8, None, la=["Abu Shouk", "Al Fashir"]),
  ],
  [("denial", "It has previously denied targeting civilians"),
   ("plan", "has said it intends to take the city")]),

A("hr-2024-08-20-analysis-geneva-talks", "Horn Review",
  "https://horn-review.example/analysis/2024/08/20/sudan-geneva-talks-army-absent/",
  "2024-08-20", "Analysis: Sudan talks in Geneva go on without the army. Can they achieve anything?",
  C, "analysis", ["analysis_no_events", "background", "plan", "threat", "denial"],
  """
  The chairs set out for Sudan's army in a hotel near Geneva have stayed empty for a week. Mediators led by the United States have pressed ahead anyway, meeting a Rapid Support Forces delegation and trying, mostly by telephone, to coax army commanders into agreeing to open aid routes into Darfur.

  The stakes are hard to overstate. Sixteen months of war have forced more than ten million people from their homes, and a famine has been declared in Zamzam camp outside El Fasher. Last year the RSF and allied Arab militias were accused of killing thousands of Masalit civilians in El Geneina, in West Darfur, killings the paramilitary group denies organising.

  The army says it will not negotiate while RSF fighters occupy homes and towns in Gezira and Khartoum, and its commanders have vowed to fight on until the paramilitaries are defeated. The RSF, which controls most of Darfur, says it is committed to a ceasefire but has continued its offensive on El Fasher.

  Diplomats say the best outcome from Geneva may be modest: an agreement to reopen the Adre crossing from Chad for aid convoys, and a monitoring mechanism both sides can be shamed into respecting.
  """,
  [],
  [("background", "accused of killing thousands of Masalit civilians in El Geneina"),
   ("statement of intent", "its commanders have vowed to fight on until the paramilitaries are defeated"),
   ("vague ongoing activity", "has continued its offensive on El Fasher")]),
]
