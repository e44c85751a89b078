from ._common import A, E

C = "sahel"

ARTICLES = [
A("mw-2024-09-17-bamako-attack", "Meridian Wire",
  "https://www.meridian-wire.example/world/africa/2024/09/17/militants-attack-bamako-gendarmerie-school-airport/",
  "2024-09-17", "Militants attack gendarmerie school and airport in Mali's capital",
  C, "wire", ["dateline", "dozens", "claim_unverified", "one_event_two_sites", "threat", "background"],
  """
  BAMAKO, Sept 17 (Meridian Wire) - Islamist militants attacked a gendarmerie training school and the military section of Bamako's airport early on Tuesday, the first major assault on Mali's capital in nearly a decade, the army and residents said.

  Gunfire and explosions rang out from around 5 a.m. near the school in the Faladie district, and thick smoke rose from the direction of the airport, where a hangar used by the presidential fleet was set on fire, residents said.

  The al Qaeda-affiliated group JNIM claimed the attack, saying its fighters had killed and wounded "hundreds", including members of Russia's Wagner Group, which has fought alongside the Malian army since 2021. The claim could not be verified.

  The army said the situation was under control but did not give a toll. A security source said dozens of gendarmerie students had been killed.

  The ruling junta said the attackers would be hunted down. Mali has been fighting Islamist insurgents since 2012, when jihadists hijacked a Tuareg separatist uprising in the north.
  """,
  [
    E("armed_clash", "JNIM", "Malian government", "Bamako", "Bamako", "MLI", "2024-09-17", 12, None, ta=["Wagner Group"]),
  ],
  [("unverified claim figure", "killed and wounded \"hundreds\""),
   ("threat", "the attackers would be hunted down"),
   ("background", "when jihadists hijacked a Tuareg separatist uprising in the north")]),

A("jnim-2024-07-28-tinzaouaten-claim", "JNIM statement (translation)",
  "https://translations.conflict-docs.example/sahel/2024/07/28/jnim-tinzaouaten/",
  "2024-07-28", "JNIM statement on fighting near Tinzaouaten (translated from Arabic)",
  C, "statement", ["translated_statement", "several", "sum_of_figures", "pejorative_actor_names", "two_events", "threat"],
  """
  Statement of Jama'at Nusrat al-Islam wal-Muslimin (translated from Arabic; circulated by the group's media arm).

  Praise be to God, Lord of the worlds. On Saturday, 21 Muharram 1446 (27 July 2024), the mujahideen ambushed a convoy of the Russian Wagner mercenaries and the Bambara army near the town of Tinzaouaten, close to the Algerian border in the region of Kidal. After hours of fighting, God granted victory to the mujahideen, who killed more than 50 of the mercenaries and the apostate soldiers and seized vehicles and weapons. Several of our brothers attained martyrdom, God willing.

  On the same day, the mujahideen targeted the military camp at Lere with mortar rounds, achieving direct hits.

  We warn the Bamako junta and all who cooperate with the Russian crusaders that their fate will be the fate of those who fell at Tinzaouaten.
  """,
  [
    E("armed_clash", "JNIM", "Wagner Group", "Tinzaouaten", "Kidal", "MLI", "2024-07-27", 53, None, ta=["Malian government"], la=["Tin Zaouaten", "Tinzawatene"]),
    E("shelling", "JNIM", "Malian government", "Lere", "Tombouctou", "MLI", "2024-07-27", la=["Léré"]),
  ],
  [("threat", "their fate will be the fate of those who fell at Tinzaouaten")]),

A("mw-2024-08-27-barsalogho-attack", "Meridian Wire",
  "https://www.meridian-wire.example/world/africa/2024/08/27/burkina-barsalogho-attack-trenches/",
  "2024-08-27", "Militants kill at least 100 near Burkina Faso town as residents dug trenches",
  C, "wire", ["dateline", "casualty_range_lowest", "weekday_date", "claim", "background", "plan"],
  """
  OUAGADOUGOU, Aug 27 (Meridian Wire) - Islamist militants killed at least 100 people, many of them civilians who had been ordered to dig defensive trenches, on the outskirts of the town of Barsalogho in north-central Burkina Faso on Saturday, residents and a local security source said.

  Some residents put the number of dead at more than 200. At least 140 people were wounded and taken to hospitals in Kaya, the regional capital, a medical source said.

  JNIM, al Qaeda's affiliate in the Sahel, claimed the attack, saying it had targeted members of the army and of the state-backed Volunteers for the Defence of the Homeland militia.

  Burkina Faso's military government, which seized power in 2022 promising to restore security, said it would rebuild defences around the town and urged residents not to leave.
  """,
  [
    E("attack_on_civilians", "JNIM", "Civilians", "Barsalogho", "Centre-Nord", "BFA", "2024-08-24", 100, 140),
  ],
  [("background", "which seized power in 2022 promising to restore security"),
   ("plan", "said it would rebuild defences around the town")]),

A("ssm-2023-09-11-sahel-weekly", "Sahel Security Monitor",
  "https://sahel-security-monitor.example/weekly/2023/09/11/mali-burkina-4-10-september/",
  "2023-09-11", "Mali and Burkina Faso weekly incident summary, 4-10 September 2023",
  C, "bulletin", ["bulletin_terse", "hedged_attribution", "several_actors_one_phrase", "no_claim", "zero_casualties_stated", "near_place"],
  """
  Incidents recorded 4-10 September 2023. Figures are the lowest reported.

  MALI

  - 7 Sep, Timbuktu region: JNIM fighters fired rockets at the passenger boat Tombouctou on the Niger river near Abakoira, in Gourma-Rharous circle, killing 49 civilians, according to the government.

  - 7 Sep, Gao region: JNIM fighters attacked the army camp at Bamba. The government said 15 soldiers were killed; JNIM claimed far higher losses.

  - 8 Sep, Timbuktu: shells fired by suspected JNIM militants landed near Timbuktu airport. No casualties were reported.

  - 9 Sep, Segou region: Malian soldiers accompanied by Wagner fighters raided a village near Niono and detained several men; 8 of them were later found dead, local sources said.

  BURKINA FASO

  - 9 Sep, Sahel region: a bus struck an improvised explosive device on the road between Djibo and Namssiguia, killing 6 passengers. No group claimed the attack; JNIM is active along the road.
  """,
  [
    E("shelling", "JNIM", "Civilians", "Abakoira", "Tombouctou", "MLI", "2023-09-07", 49, None),
    E("armed_clash", "JNIM", "Malian government", "Bamba", "Gao", "MLI", "2023-09-07", 15, None),
    E("shelling", "JNIM", "Malian government", "Timbuktu", "Tombouctou", "MLI", "2023-09-08", 0, 0, aa=["Unidentified armed group"], la=["Tombouctou"]),
    E("attack_on_civilians", "Malian government", "Civilians", "Niono", "Ségou", "MLI", "2023-09-09", 8, None, aa=["Wagner Group"]),
    E("explosion", "Unidentified armed group", "Civilians", "Djibo", "Sahel", "BFA", "2023-09-09", 6, None, aa=["JNIM"], la=["Namssiguia"]),
  ]),
]
