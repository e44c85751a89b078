from ._common import A, E

C = "russia_ukraine"
CIV_UA = ["Ukraine"]

ARTICLES = [
A("mw-2022-10-10-kyiv-missiles", "Meridian Wire",
  "https://www.meridian-wire.example/world/europe/2022/10/10/russian-missiles-hit-kyiv-rush-hour/",
  "2022-10-10", "Russian missiles hit Kyiv in rush hour as Moscow strikes cities across Ukraine",
  C, "wire", ["dateline", "count_words", "interception_no_place", "accusation_background", "threat", "zero_casualties_stated"],
  """
  KYIV, Oct 10 (Meridian Wire) - Russian missiles slammed into the centre of Kyiv during the Monday morning rush hour, killing eight people and wounding 24 in the capital, as Moscow launched its heaviest wave of strikes on Ukrainian cities in months, the national police said.

  One missile gouged a crater beside a children's playground in a central park, and another landed at a busy junction near the main university building, burning out cars whose drivers had been waiting at the lights, witnesses said.

  In the central city of Dnipro, a missile hit a bus stop and a row of parked cars, regional governor Valentyn Reznichenko said, adding that at least four people were killed there.

  Explosions also shook Lviv in the west, where strikes on power facilities cut electricity to about a third of the city, mayor Andriy Sadovyi said. No casualties were reported in the city.

  Ukraine's armed forces commander, General Valery Zaluzhnyi, said Russia had fired 75 missiles during the morning, 41 of which were shot down by air defences.

  President Vladimir Putin told a televised meeting of his Security Council that the strikes were retaliation for what he called a Ukrainian "terrorist attack" on the bridge linking Russia to annexed Crimea. He warned that if attacks on Russian territory continued, Moscow's response would be "harsh".

  President Volodymyr Zelenskiy, recording a video outside his office, said Russia was trying to destroy the country's energy system. "They want panic and chaos," he said.

  (Reporting by Olena Hrytsenko; Editing by Mark Devereux)
  """,
  [
    E("shelling", "Russia", "Civilians", "Kyiv", "Kyiv", "UKR", "2022-10-10", 8, 24, ta=CIV_UA, la=["Kiev"]),
    E("shelling", "Russia", "Civilians", "Dnipro", "Dnipropetrovsk Oblast", "UKR", "2022-10-10", 4, None, ta=CIV_UA),
    E("shelling", "Russia", "Civilians", "Lviv", "Lviv Oblast", "UKR", "2022-10-10", 0, 0, ta=CIV_UA),
  ],
  [("interception without a place", "41 of which were shot down by air defences"),
   ("accusation, no happening reported", "what he called a Ukrainian \"terrorist attack\" on the bridge"),
   ("threat/conditional", "Moscow's response would be \"harsh\"")]),

A("pc-2023-01-16-dnipro-toll-rises", "Prydniprovia Courier",
  "https://prydniprovia-courier.example/news/2023/01/16/dnipro-apartment-block-toll-40/",
  "2023-01-16", "Dnipro apartment block: toll rises to 40 as rescuers end search",
  C, "local", ["passive_voice", "toll_revision", "weekday_date", "denial", "warning"],
  """
  The number of people killed when a Russian missile tore through a nine-storey apartment block in Dnipro on Saturday rose to 40 on Monday, the regional military administration said, as rescue crews wound down their search of the rubble.

  An entire section of the building on Naberezhna Peremohy street collapsed after it was struck by a Kh-22 missile shortly after 3 p.m. on Saturday, according to Ukraine's air force, which said it has no means of shooting down that type of missile.

  On Sunday evening the administration put the number of dead at 30. By Monday afternoon it said 40 bodies had been recovered, three of them children, and that 75 people had been injured, 39 of whom remain in hospital.

  Residents queued on Monday to lay flowers and toys at a makeshift memorial across the road. "My neighbours lived on the sixth floor. There is nothing left of the sixth floor," said Iryna, 54, who declined to give her surname.

  The Kremlin denied that Russian forces target residential buildings. Spokesman Dmitry Peskov suggested the block might have been brought down by Ukrainian air defence fire, a claim Ukrainian officials dismissed as a lie.

  The same wave of Russian strikes on Saturday also hit energy facilities in the north-eastern city of Kharkiv, its mayor, Ihor Terekhov, said, without reporting casualties.

  Mayor Borys Filatov declared three days of mourning. Officials in Kyiv warned that Russia was likely preparing further mass strikes on the power grid in the coming weeks.
  """,
  [
    E("shelling", "Russia", "Civilians", "Dnipro", "Dnipropetrovsk Oblast", "UKR", "2023-01-14", 40, 75, ta=CIV_UA),
    E("shelling", "Russia", "Civilians", "Kharkiv", "Kharkiv Oblast", "UKR", "2023-01-14", None, None, ta=CIV_UA),
  ],
  [("denial", "The Kremlin denied that Russian forces target residential buildings"),
   ("warning/plan", "Russia was likely preparing further mass strikes")]),

A("chm-2023-08-07-ukraine-daily-digest", "Civilian Harm Monitor",
  "https://civilian-harm-monitor.example/ukraine/digest/2023-08-07/",
  "2023-08-07", "Ukraine: daily civilian harm digest, 5-6 August 2023",
  C, "bulletin", ["bulletin_terse", "interception_with_place", "claimed_by_one_side", "unverified_excluded", "aggregate_total", "zero_casualties_stated"],
  """
  Incidents verified by CHM field staff for 5-6 August 2023. Figures are the lowest verified count. Times are local.

  - Kherson city (Kherson Oblast): Russian artillery shelling of the Korabelnyi district killed one woman and injured three civilians on 6 Aug.

  - Kupiansk (Kharkiv Oblast): on 5 Aug a Russian guided aerial bomb hit the regional blood transfusion centre. Two staff members were killed and 10 people injured.

  - Kostiantynivka (Donetsk Oblast): cluster munitions fired by Russian forces struck a residential street on 6 Aug, killing two men.

  - Zaporizhzhia: in the early hours of 6 Aug, air defence destroyed 9 of 11 Shahed drones launched by Russian forces at the city. Falling debris damaged two houses; no casualties reported.

  - Donetsk city (Russian-occupied): Russian-installed officials said Ukrainian shelling of the Kyivskyi district killed one civilian on 5 Aug. CHM could not independently verify the attribution.

  - Unverified: reports of a strike on a cafe in Nikopol on 6 Aug are being checked and are not included below.

  Totals for the period (verified): 6 civilians killed, 13 injured.
  """,
  [
    E("shelling", "Russia", "Civilians", "Kherson", "Kherson Oblast", "UKR", "2023-08-06", 1, 3, ta=CIV_UA, la=["Kherson city"]),
    E("air_strike", "Russia", "Civilians", "Kupiansk", "Kharkiv Oblast", "UKR", "2023-08-05", 2, 10, ta=CIV_UA, la=["Kupyansk"]),
    E("shelling", "Russia", "Civilians", "Kostiantynivka", "Donetsk Oblast", "UKR", "2023-08-06", 2, None, ta=CIV_UA, la=["Kostyantynivka"]),
    E("air_strike", "Russia", "Civilians", "Zaporizhzhia", "Zaporizhzhia Oblast", "UKR", "2023-08-06", 0, 0, ta=CIV_UA, la=["Zaporizhzhya"]),
    E("shelling", "Ukraine", "Civilians", "Donetsk", "Donetsk Oblast", "UKR", "2023-08-05", 1, None, ta=["Russia"], la=["Donetsk city"]),
  ],
  [("unverified, explicitly excluded", "reports of a strike on a cafe in Nikopol"),
   ("aggregate", "Totals for the period (verified): 6 civilians killed, 13 injured.")]),

A("kl-2023-12-29-live-largest-air-attack", "Kyiv Ledger",
  "https://kyiv-ledger.example/live/2023/12/29/russia-largest-air-attack/",
  "2023-12-29", "LIVE: Russia launches largest air attack of the war on Ukrainian cities",
  C, "liveblog", ["liveblog", "toll_revision", "interception_no_place", "aggregate_total", "non_event_airspace", "drone_vs_missile", "zero_casualties_stated"],
  """
  07:58 - Air raid alerts have sounded across the whole of Ukraine since before dawn. The air force is warning of cruise missiles heading for Kyiv, Lviv, Dnipro and Odesa.

  08:40 - Kyiv mayor Vitali Klitschko says a missile hit a warehouse and debris fell on a metro station used as a shelter in the Shevchenkivskyi district. At least three people have been killed in the capital, he says.

  09:25 - In Odesa, Shahed drones hit a residential building and set it on fire, regional governor Oleh Kiper says. Two people were killed and 15 injured.

  10:10 - Lviv: a missile struck near a school in the city, killing one person and injuring eight, according to mayor Andriy Sadovyi.

  11:30 - Dnipro: a maternity hospital and a shopping centre were damaged. Regional governor Serhiy Lysak says five people were killed in the city.

  12:45 - Air force commander Mykola Oleshchuk says Russia launched 122 missiles and 36 drones overnight, the largest aerial barrage since the full-scale invasion began. Air defences destroyed 87 missiles and 27 Shaheds, he says.

  13:20 - Poland's armed forces say an unidentified object, most likely a Russian missile, entered Polish airspace for about three minutes before leaving towards Ukraine.

  15:05 - Kyiv toll rises: the capital's military administration now says 11 people were killed and 22 injured in Kyiv.

  16:40 - Kharkiv was hit by at least eight missiles, governor Oleh Syniehubov says. Thirteen people were wounded; no deaths have been reported so far.

  19:00 - The nationwide toll now stands at 31 dead, Interior Minister Ihor Klymenko says. Zelenskiy calls on Western partners to speed up deliveries of air defence systems.
  """,
  [
    E("shelling", "Russia", "Civilians", "Kyiv", "Kyiv", "UKR", "2023-12-29", 11, 22, ta=CIV_UA),
    E("air_strike", "Russia", "Civilians", "Odesa", "Odesa Oblast", "UKR", "2023-12-29", 2, 15, ta=CIV_UA, la=["Odessa"]),
    E("shelling", "Russia", "Civilians", "Lviv", "Lviv Oblast", "UKR", "2023-12-29", 1, 8, ta=CIV_UA),
    E("shelling", "Russia", "Civilians", "Dnipro", "Dnipropetrovsk Oblast", "UKR", "2023-12-29", 5, None, ta=CIV_UA),
    E("shelling", "Russia", "Civilians", "Kharkiv", "Kharkiv Oblast", "UKR", "2023-12-29", 0, 13, ta=CIV_UA),
  ],
  [("warning", "The air force is warning of cruise missiles heading for Kyiv, Lviv, Dnipro and Odesa."),
   ("interception without a place", "Air defences destroyed 87 missiles and 27 Shaheds"),
   ("airspace incident, no attack", "entered Polish airspace for about three minutes"),
   ("aggregate", "The nationwide toll now stands at 31 dead")]),

A("mw-2023-12-30-belgorod-shelling", "Meridian Wire",
  "https://www.meridian-wire.example/world/europe/2023/12/30/shelling-kills-russian-city-belgorod/",
  "2023-12-30", "Shelling kills 18 in Russian city of Belgorod, Moscow blames Ukraine",
  C, "wire", ["dateline", "hedged_attribution", "toll_revision", "interception_same_event", "recap_background", "threat"],
  """
  MOSCOW, Dec 30 (Meridian Wire) - Shelling of the centre of the Russian city of Belgorod killed 14 people, including two children, and wounded 108 on Saturday, Russian officials said, one of the deadliest attacks on Russian soil since Moscow sent its troops into Ukraine.

  Russia's defence ministry blamed Ukraine, saying Kyiv's forces had fired Czech-made Vampire rockets with cluster munitions at the city and that air defences had shot down most of them over the Belgorod region. Ukraine did not comment directly on the attack.

  Video posted on social media showed burning cars and bodies on a street near the city's ice rink, where residents had gathered on the last weekend before the New Year holiday.

  By evening regional governor Vyacheslav Gladkov said the toll had risen to 18 dead and 111 wounded.

  The attack came a day after Russia fired more than 120 missiles and dozens of drones at Ukrainian cities in what Kyiv called the largest aerial bombardment of the war.

  Kremlin spokesman Dmitry Peskov said President Vladimir Putin had been briefed and that "this crime will not go unpunished". Russia requested an emergency meeting of the U.N. Security Council.

  (Reporting by Meridian Wire staff; Editing by Helen Crowther)
  """,
  [
    E("shelling", "Ukraine", "Civilians", "Belgorod", "Belgorod Oblast", "RUS", "2023-12-30", 18, 111, ta=["Russia"]),
  ],
  [("recap of an earlier happening", "The attack came a day after Russia fired more than 120 missiles"),
   ("threat", "\"this crime will not go unpunished\"")]),

A("mod-ru-2024-08-07-kursk-statement", "Ministry of Defence of the Russian Federation (translation)",
  "https://translations.conflict-docs.example/ru-mod/2024/08/07/kursk-border/",
  "2024-08-07", "Russian MoD statement on the situation in the Kursk region (unofficial translation)",
  C, "statement", ["translated_statement", "up_to_figure", "interception_with_place", "region_as_place", "threat", "from_target_perspective"],
  """
  Statement of the Ministry of Defence of the Russian Federation (unofficial translation).

  On 6 August at 08:00 Moscow time, units of the Armed Forces of Ukraine numbering up to 300 servicemen, supported by 11 tanks and more than 20 armoured combat vehicles, launched an offensive against the positions of the units covering the state border in the area of Oleshnya, Sudzha district, Kursk region.

  Units of the North group of forces, together with the border troops of the FSB of Russia, repelled the attack. The losses of the enemy amounted to up to 100 servicemen killed and up to 215 wounded. Seven tanks and five armoured personnel carriers of the enemy were destroyed.

  Operational-tactical aviation struck the reserves of the Armed Forces of Ukraine near Yunakivka in the Sumy region.

  On 6 August, air defence means on duty shot down 27 Ukrainian unmanned aerial vehicles over the territory of the Kursk region and eight over the Belgorod region.

  The Ministry of Defence of the Russian Federation warns that any further provocation on the state border will receive a harsh response.
  """,
  [
    E("armed_clash", "Ukraine", "Russia", "Oleshnya", "Kursk Oblast", "RUS", "2024-08-06", 100, 215, la=["Sudzha district"]),
    E("air_strike", "Russia", "Ukraine", "Yunakivka", "Sumy Oblast", "UKR", "2024-08-06"),
    E("air_strike", "Ukraine", "Russia", "Kursk Oblast", "Kursk Oblast", "RUS", "2024-08-06", la=["Kursk region"]),
    E("air_strike", "Ukraine", "Russia", "Belgorod Oblast", "Belgorod Oblast", "RUS", "2024-08-06", la=["Belgorod region"]),
  ],
  [("threat", "any further provocation on the state border will receive a harsh response")]),

A("kl-2024-09-03-analysis-pokrovsk", "Kyiv Ledger",
  "https://kyiv-ledger.example/analysis/2024/09/03/why-pokrovsk-matters/",
  "2024-09-03", "Analysis: Why Russia's slow grind towards Pokrovsk matters more than Kursk",
  C, "analysis", ["analysis_few_events", "background", "plan", "weekday_date", "glide_bomb_air_strike"],
  """
  For most of the summer the road into Pokrovsk was the busiest in eastern Ukraine: ambulances heading west, ammunition trucks heading east, and a steady stream of families leaving with whatever fitted into a car. Now the city's own officials say the front line is less than ten kilometres away.

  Russian forces have been pushing west since they took Avdiivka in February, at a cost Western officials put in the tens of thousands of casualties. The gains have been measured in villages rather than cities, but they have brought Russian artillery within range of the road and rail links that supply much of the Ukrainian army in the Donetsk region.

  The danger now reaches well beyond the trenches. On Sunday, Russian glide bombs struck Myrnohrad, Pokrovsk's smaller twin town, wounding three people, regional governor Vadym Filashkin said.

  Kyiv had hoped that its surprise incursion into Russia's Kursk region last month would force Moscow to pull troops away from the Donbas. So far, analysts say, it has not. Russian commanders appear determined to reach the administrative borders of the Donetsk region before winter, and Ukrainian officials have ordered families with children to leave Pokrovsk.

  Whether Pokrovsk falls this autumn may depend less on the city's defences than on how quickly fresh brigades, and the Western shells they need, can reach it.
  """,
  [
    E("air_strike", "Russia", "Civilians", "Myrnohrad", "Donetsk Oblast", "UKR", "2024-09-01", None, 3, ta=CIV_UA),
  ],
  [("background", "since they took Avdiivka in February"),
   ("background", "its surprise incursion into Russia's Kursk region last month"),
   ("plan", "determined to reach the administrative borders of the Donetsk region before winter")]),

A("mw-2022-04-08-kramatorsk-station", "Meridian Wire",
  "https://www.meridian-wire.example/world/europe/2022/04/08/missile-kramatorsk-railway-station/",
  "2022-04-08", "Missile strike on Kramatorsk railway station kills at least 50 fleeing civilians",
  C, "wire", ["dateline", "toll_revision", "denial", "hedged_attribution", "background", "plan"],
  """
  KRAMATORSK, Ukraine, April 8 (Meridian Wire) - A missile strike on the railway station in the eastern Ukrainian city of Kramatorsk killed at least 50 people, five of them children, on Friday as civilians crowded the platforms trying to flee an expected Russian offensive, Ukrainian officials said.

  Earlier in the day Donetsk regional governor Pavlo Kyrylenko had put the toll at 30. By the evening it had risen to 50, with 98 wounded, he said.

  The tail section of a large rocket lay on the grass beside the station building, with the words "for the children" painted on its side in Russian.

  President Volodymyr Zelenskiy blamed Russia. The Russian defence ministry denied responsibility, saying the Tochka-U missiles used in the attack were operated only by the Ukrainian army and that Russian forces had no combat tasks in Kramatorsk on Friday. Western officials said the attack bore the hallmarks of a Russian strike.

  Kramatorsk has served as the administrative centre of the Ukrainian-held part of the Donetsk region since 2014. Moscow has said its forces will now concentrate on seizing the whole of the Donbas.

  (Reporting by Meridian Wire correspondents; Editing by Paul Whitcombe)
  """,
  [
    E("shelling", "Russia", "Civilians", "Kramatorsk", "Donetsk Oblast", "UKR", "2022-04-08", 50, 98, ta=CIV_UA),
  ],
  [("denial", "The Russian defence ministry denied responsibility"),
   ("plan", "Moscow has said its forces will now concentrate on seizing the whole of the Donbas")]),

A("kec-2024-07-09-okhmatdyt-mourning", "Kyiv Evening Courier",
  "https://kyiv-evening-courier.example/city/2024/07/09/day-of-mourning-okhmatdyt/",
  "2024-07-09", "Kyiv mourns 33 dead after missile strike on Okhmatdyt children's hospital",
  C, "local", ["toll_revision", "weekday_date", "denial", "aggregate_total", "plan", "several_places"],
  """
  Flags flew at half-mast across Kyiv on Tuesday, a day of mourning after Monday's Russian missile attack on the capital killed 33 people and injured 121, according to the city military administration. On Monday evening officials had given a toll of 27.

  Two adults died at the Okhmatdyt children's hospital, the country's largest, where a missile destroyed the toxicology wing and blew out windows in the oncology building while children were undergoing dialysis. Volunteers spent the night clearing rubble with their hands.

  The same barrage of more than 40 missiles killed 10 people and wounded 31 at an industrial site in Kryvyi Rih, President Volodymyr Zelenskiy's home city, local officials said. In Dnipro, a missile hit an office building, killing one person and injuring six.

  Across the country at least 41 people were killed on Monday, according to the Interior Ministry.

  Russia's defence ministry denied targeting the hospital and claimed the damage was caused by a Ukrainian air defence missile. The U.N. human rights mission said its analysis indicated the hospital had most likely taken a direct hit.

  Zelenskiy, who flew to Washington for a NATO summit, said he would press allies for more Patriot systems.
  """,
  [
    E("shelling", "Russia", "Civilians", "Kyiv", "Kyiv", "UKR", "2024-07-08", 33, 121, ta=CIV_UA),
    E("shelling", "Russia", "Civilians", "Kryvyi Rih", "Dnipropetrovsk Oblast", "UKR", "2024-07-08", 10, 31, ta=CIV_UA, la=["Kryvyy Rih"]),
    E("shelling", "Russia", "Civilians", "Dnipro", "Dnipropetrovsk Oblast", "UKR", "2024-07-08", 1, 6, ta=CIV_UA),
  ],
  [("aggregate", "Across the country at least 41 people were killed on Monday"),
   ("denial", "Russia's defence ministry denied targeting the hospital"),
   ("plan", "he would press allies for more Patriot systems")]),
]
