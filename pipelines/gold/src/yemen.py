from ._common import A, E

C = "yemen"

ARTICLES = [
A("mw-2024-01-12-us-uk-strike-houthis", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/01/12/us-britain-strike-houthi-targets-yemen/",
  "2024-01-12", "U.S. and Britain strike Houthi targets across Yemen after Red Sea attacks",
  C, "wire", ["dateline", "several_actors_one_phrase", "several_places", "unallocated_total", "threat", "background"],
  """
  ADEN, Yemen - The United States and Britain struck Houthi military targets across Yemen in the early hours of Friday, hitting radar sites, drone and missile launchers and weapons depots in retaliation for weeks of attacks on shipping in the Red Sea, U.S. and British officials said.

  Fighter jets and Tomahawk cruise missiles fired from warships and a submarine hit more than 60 targets at 16 locations, the U.S. Air Forces Central command said.

  Residents of Hodeidah said they heard at least four loud explosions near the city's airport, and in Sanaa a series of blasts shook the area around al-Dailami air base, north of the capital, shortly after 2:30 a.m. Strikes also hit sites in Saada province, the Houthis' northern stronghold, and near the city of Dhamar, the group's media said.

  Houthi military spokesman Yahya Saree said in a televised statement that 73 strikes had killed five of the group's fighters and wounded six others. He did not say where they were killed.

  Houthi officials said the attacks "will not go unpunished", and a senior member of the group's political bureau said all American and British interests were now legitimate targets.

  The Houthis began attacking merchant ships in November, saying they were acting in solidarity with Palestinians in Gaza. Saudi Arabia, which has observed a de facto truce with the group since April 2022, called for restraint.
  """,
  [
    E("air_strike", "United States", "Houthis", "Al Hudaydah", "Al Hudaydah", "YEM", "2024-01-12", aa=["United Kingdom"], la=["Hodeidah", "Hudaydah"]),
    E("air_strike", "United States", "Houthis", "Sanaa", "Amanat al Asimah", "YEM", "2024-01-12", aa=["United Kingdom"], la=["al-Dailami air base", "Sana'a"]),
    E("air_strike", "United States", "Houthis", "Saada", "Saada", "YEM", "2024-01-12", aa=["United Kingdom"], la=["Saada province", "Sa'dah"]),
    E("air_strike", "United States", "Houthis", "Dhamar", "Dhamar", "YEM", "2024-01-12", aa=["United Kingdom"]),
  ],
  [("unallocated total (no place)", "73 strikes had killed five of the group's fighters and wounded six others"),
   ("threat", "all American and British interests were now legitimate targets"),
   ("background", "The Houthis began attacking merchant ships in November")]),

A("mw-2022-01-21-saada-prison-strike", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2022/01/21/coalition-strike-saada-detention-centre/",
  "2022-01-21", "Coalition air strike on Yemen detention centre kills at least 70",
  C, "wire", ["dateline", "casualty_range_lowest", "two_events", "recap_background", "threat"],
  """
  SANAA, Jan 21 (Meridian Wire) - An air strike by the Saudi-led coalition on a detention centre in the northern Yemeni city of Saada killed at least 70 people on Friday, the medical charity Medecins Sans Frontieres said, one of the deadliest attacks in seven years of war.

  Houthi-run health authorities put the toll at 82 dead and 266 wounded. Rescuers were still pulling bodies from the rubble of the prison, which held hundreds of detainees including African migrants, in the evening.

  Early on Friday, a coalition strike on a telecommunications building in the port city of Hodeidah killed three children who had been playing on a nearby football pitch, Save the Children said. The strike knocked the whole of Yemen off the internet.

  The coalition said in a statement carried by the Saudi state news agency that it had carried out "precise strikes" on Houthi military targets in Hodeidah. It did not immediately comment on the Saada strike.

  The raids came days after the Houthis claimed a drone and missile attack on the United Arab Emirates capital Abu Dhabi, a coalition member, and the coalition vowed to respond with force.

  (Reporting by Meridian Wire Yemen staff; Editing by Joanna Pryce)
  """,
  [
    E("air_strike", "Saudi-led coalition", "Civilians", "Saada", "Saada", "YEM", "2022-01-21", 70, 266, la=["Sa'dah"]),
    E("air_strike", "Saudi-led coalition", "Civilians", "Al Hudaydah", "Al Hudaydah", "YEM", "2022-01-21", 3, None, ta=["Houthis"], la=["Hodeidah"]),
  ],
  [("recap (no date; outside country)", "the Houthis claimed a drone and missile attack on the United Arab Emirates capital Abu Dhabi"),
   ("threat", "the coalition vowed to respond with force")]),

A("yfm-2024-03-18-weekly-bulletin", "Yemen Frontline Monitor",
  "https://yemen-frontline-monitor.example/bulletins/2024/03/18/weekly-11-17-march/",
  "2024-03-18", "Weekly incident bulletin, 11-17 March 2024",
  C, "bulletin", ["bulletin_terse", "hedged_attribution", "landmine", "drone_dropped_munition", "unverified_excluded", "several_actors_one_figure"],
  """
  Incidents recorded by YFM monitors, 11-17 March 2024. Figures are the lowest reported.

  Taiz
  - 12 Mar: One child was killed and two others injured when a mortar shell fired from Houthi positions hit a residential area in al-Rawdah neighbourhood of Taiz city.
  - 15 Mar: A woman was shot dead by a Houthi sniper while fetching water in the Wadi al-Qadi area of Taiz city.

  Al Hudaydah
  - 13 Mar: A landmine believed to have been laid by the Houthis exploded under a car in Hays district, killing two men and injuring a third.

  Marib
  - 14 Mar: Houthi fighters attacked government positions in Harib, south of Marib. Five Houthi fighters and two soldiers were killed, according to a military source.

  Ad Dali
  - 16 Mar: A Houthi drone dropped explosives on an army position near Qatabah, wounding three soldiers.

  Saada
  - 17 Mar: Saudi border guards fired artillery shells at the Munabbih border district, injuring four civilians, including two Ethiopian migrants.

  Not included: Houthi media reports of government shelling in Maqbanah (Taiz) that gave no date or casualty details.
  """,
  [
    E("shelling", "Houthis", "Civilians", "Taiz", "Taiz", "YEM", "2024-03-12", 1, 2, la=["Taiz city"]),
    E("attack_on_civilians", "Houthis", "Civilians", "Taiz", "Taiz", "YEM", "2024-03-15", 1, None, la=["Taiz city"]),
    E("explosion", "Houthis", "Civilians", "Hays", "Al Hudaydah", "YEM", "2024-03-13", 2, 1, aa=["Unidentified armed group"]),
    E("armed_clash", "Houthis", "Yemeni government", "Harib", "Marib", "YEM", "2024-03-14", 7, None),
    E("air_strike", "Houthis", "Yemeni government", "Qatabah", "Ad Dali", "YEM", "2024-03-16", None, 3),
    E("shelling", "Saudi-led coalition", "Civilians", "Munabbih", "Saada", "YEM", "2024-03-17", None, 4),
  ],
  [("unverified/vague, explicitly excluded", "Houthi media reports of government shelling in Maqbanah")]),

A("mw-2024-03-07-true-confidence", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/03/07/houthi-missile-kills-three-crew-gulf-of-aden/",
  "2024-03-07", "Houthi missile kills three crew on ship in Gulf of Aden, first deaths of campaign",
  C, "wire", ["dateline", "sea_location", "interception_with_place", "claim", "threat", "zero_casualties_stated", "weekday_date"],
  """
  DUBAI, March 7 (Meridian Wire) - Three crew members were killed when a Houthi anti-ship ballistic missile struck a bulk carrier in the Gulf of Aden on Wednesday, the U.S. military said, the first deaths since the Yemeni group began attacking merchant shipping in November.

  The Barbados-flagged True Confidence was hit about 50 nautical miles southwest of Aden. At least four other crew members were injured, three of them seriously, and the crew abandoned the burning ship, U.S. Central Command said. An Indian navy warship later picked up 21 sailors.

  Houthi military spokesman Yahya Saree claimed responsibility, saying the group had targeted the ship with "appropriate naval missiles" after its crew ignored warnings.

  Separately, a U.S. destroyer shot down three drones launched by the Houthis towards it in the Red Sea on Wednesday, Central Command said. No damage or injuries were reported.

  The Houthis have said they will keep attacking ships linked to Israel, the United States and Britain until Israel stops its offensive in Gaza.
  """,
  [
    E("shelling", "Houthis", "Civilians", "Gulf of Aden", None, None, "2024-03-06", 3, 4, la=["Aden"]),
    E("air_strike", "Houthis", "United States", "Red Sea", None, None, "2024-03-06", 0, 0),
  ],
  [("conditional threat", "they will keep attacking ships linked to Israel, the United States and Britain until")]),

A("houthi-2024-02-19-saree-statement", "Houthi military spokesman (translation)",
  "https://translations.conflict-docs.example/yemen/2024/02/19/saree-statement-rubymar/",
  "2024-02-19", "Statement of the Yemeni Armed Forces spokesman on naval and missile operations (translation)",
  C, "statement", ["translated_statement", "claim", "alt_place_name", "shootdown_other", "weekday_date", "threat", "zero_casualties_stated"],
  """
  In the name of God, the Most Gracious, the Most Merciful.

  In support of the oppressed Palestinian people, and in response to the American-British aggression against our country, the naval forces of the Yemeni Armed Forces carried out yesterday, Sunday, a military operation targeting the British ship RUBYMAR in the Gulf of Aden with a number of appropriate naval missiles. The hit was accurate and direct, and the ship suffered catastrophic damage and came to a complete stop. The crew left the ship safely.

  The air defences of the Yemeni Armed Forces also shot down, yesterday, an American MQ-9 drone with a locally made surface-to-air missile while it was carrying out hostile missions over Al-Hudaydah governorate.

  The missile force of the Yemeni Armed Forces, in cooperation with the drone air force, targeted a number of military targets of the Israeli enemy in Umm al-Rashrash (Eilat) with a batch of ballistic missiles and drones yesterday.

  The Yemeni Armed Forces affirm that they will continue to prevent Israeli navigation, or that heading to the ports of occupied Palestine, in the Red and Arabian Seas until the aggression stops and the siege on the Palestinian people in the Gaza Strip is lifted, and that they will expand their operations if the aggression against our country continues.
  """,
  [
    E("shelling", "Houthis", "Civilians", "Gulf of Aden", None, None, "2024-02-18", 0, 0, ta=["United Kingdom"]),
    E("other", "Houthis", "United States", "Al Hudaydah", "Al Hudaydah", "YEM", "2024-02-18", la=["Al-Hudaydah governorate", "Hodeidah"]),
    E("shelling", "Houthis", "Israel", "Eilat", "Southern District", "ISR", "2024-02-18", la=["Umm al-Rashrash"]),
  ],
  [("conditional threat", "they will expand their operations if the aggression against our country continues")]),

A("adn-2023-08-13-abyan-roadside-bomb", "Aden Daily News",
  "https://aden-daily-news.example/local/abyan/2023/08/13/five-soldiers-killed-mudiyah-bomb/",
  "2023-08-13", "Five Security Belt soldiers killed by roadside bomb in Abyan's Mudiyah",
  C, "local", ["hedged_attribution", "no_claim", "weekday_date", "two_events", "background", "plan"],
  """
  Five soldiers of the Security Belt forces were killed and two others wounded on Saturday when an explosive device planted on the road struck their vehicle in Wadi Omran, in Mudiyah district of Abyan province, security sources told Aden Daily News.

  The sources blamed al-Qaeda in the Arabian Peninsula, which has carried out a string of roadside bombings in the valleys of Mudiyah since the Southern Transitional Council's forces launched their "Arrows of the East" campaign against the group last year. There was no immediate claim of responsibility.

  Later on Saturday, Security Belt units clashed with AQAP militants in the mountains above Wadi Omran. Two militants were killed, a field commander said.

  AQAP fighters briefly seized Zinjibar, the provincial capital, in 2011, and the group has used the rugged interior of Abyan as a refuge ever since.

  The STC's command said on Sunday that it would send reinforcements to Mudiyah and continue operations "until the last terrorist is driven out of Abyan".
  """,
  [
    E("explosion", "AQAP", "Southern Transitional Council", "Mudiyah", "Abyan", "YEM", "2023-08-12", 5, 2, aa=["Unidentified armed group"], ta=["Yemeni government"], la=["Wadi Omran", "Mudiyah district"]),
    E("armed_clash", "Southern Transitional Council", "AQAP", "Mudiyah", "Abyan", "YEM", "2023-08-12", 2, None, aa=["Yemeni government"], la=["Wadi Omran"]),
  ],
  [("background", "AQAP fighters briefly seized Zinjibar, the provincial capital, in 2011"),
   ("plan", "it would send reinforcements to Mudiyah and continue operations")]),

A("mw-2024-07-21-israel-strikes-hodeidah", "Meridian Wire",
  "https://www.meridian-wire.example/world/middle-east/2024/07/21/israel-strikes-yemen-port-hodeidah/",
  "2024-07-21", "Israeli jets strike Yemen's Hodeidah port; Israel intercepts missile fired at Eilat",
  C, "wire", ["dateline", "toll_revision", "interception_with_place", "recap_background", "threat", "weekday_date"],
  """
  SANAA/JERUSALEM, July 21 (Meridian Wire) - Israeli warplanes struck the Houthi-held Yemeni port of Hodeidah on Saturday, setting fuel storage tanks ablaze and killing at least three people, the Houthi-run health ministry said, in Israel's first acknowledged attack on Yemen.

  By Sunday the ministry said the toll had risen to six, with 83 people injured, most of them with severe burns. Flames from the port could still be seen across the city on Sunday morning.

  The Israeli military said the strikes on "military targets" were a response to hundreds of attacks on Israel by the Iran-aligned group, including a drone that killed a man in Tel Aviv.

  Early on Sunday, the Israeli military said it had intercepted a surface-to-surface missile fired from Yemen towards the southern city of Eilat before it crossed into Israeli territory.

  The Houthis vowed to respond "in a big way", and Prime Minister Benjamin Netanyahu warned that Israel would strike again "anywhere it is needed".
  """,
  [
    E("air_strike", "Israel", "Houthis", "Al Hudaydah", "Al Hudaydah", "YEM", "2024-07-20", 6, 83, ta=["Civilians"], la=["Hodeidah"]),
    E("shelling", "Houthis", "Israel", "Eilat", "Southern District", "ISR", "2024-07-21"),
  ],
  [("recap (no date)", "including a drone that killed a man in Tel Aviv"),
   ("threat", "The Houthis vowed to respond \"in a big way\"")]),

A("gr-2024-02-27-analysis-red-sea", "Gulf Review",
  "https://gulf-review.example/analysis/2024/02/27/why-strikes-have-not-stopped-houthis/",
  "2024-02-27", "Analysis: Six weeks of strikes have not stopped the Houthis. Why?",
  C, "analysis", ["analysis_no_events", "background", "threat", "plan", "conditional"],
  """
  When American and British jets first struck Houthi radar and missile sites on January 12, officials in Washington and London said they hoped to "degrade" the group's ability to threaten shipping. Six weeks and dozens of rounds of strikes later, container traffic through the Bab al-Mandab is still down by well over half.

  Part of the answer lies in geography. The Houthis' missiles and drones are cheap, mobile and easily hidden in the mountains of the north, and the group spent years under Saudi bombardment learning how to disperse them.

  Part lies in politics. For the Houthis, confrontation with the United States has been a recruiting boon at home and a source of prestige across the region, and their leader, Abdulmalik al-Houthi, has promised to escalate if the strikes continue.

  Washington says it will keep up the pressure and is weighing new sanctions on the group's financiers. Diplomats in Riyadh, meanwhile, worry that a roadmap to end Yemen's war, agreed in principle in December, could unravel if the Houthis are drawn deeper into the regional conflict.

  Shipping insurers say they will not lower premiums until attacks stop for a sustained period. That, for now, looks unlikely.
  """,
  [],
  [("background", "When American and British jets first struck Houthi radar and missile sites on January 12"),
   ("conditional threat", "has promised to escalate if the strikes continue"),
   ("plan", "is weighing new sanctions")]),
]
