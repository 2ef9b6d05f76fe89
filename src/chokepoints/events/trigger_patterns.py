"""The trigger phrases, as data: for each kind of event (and subkind), the phrases that tell it, and for each pattern
the *gate words* one of which lies inside any match of it (`TRIGGER_GATES`, in the same order). `triggers.py` reads
sentences with them (earlier patterns win where spans overlap); a phrase is added here, with its gate word, and a
test of its own in `tests/events/test_rules.py` or `test_triggers.py`.
"""

from __future__ import annotations

import re

from chokepoints.events.lowered import Lowered

_W = r"(?:[\w\-'’,]+\s+)"  # one word and its space

# a trade-defence measure: set by a verb before it, or told with what it falls on after it (tariff triggers)
_DEFENCE = (r"(?:anti-?dumping|anti-?subsidy|countervailing|anti-?circumvention|trade\s+defen[cs]e|safeguard)\s+"
            r"(?:and\s+(?:anti-[\w]+|countervailing)\s+)?(?:dut(?:y|ies)|measures?|tariffs?|orders?)\b")

# a government takes a miner's right to work: "revoked the permits", "froze the licence" (the halt trigger and the
# roles' test of who orders it read the same words)
PERMIT_VERB = r"(?:revok|withdr[ae]w|cancel|annul|suspend|freez|froze|strip|overturn|quash|vacat)\w*"
PERMIT = (r"(?:permits?|licen[cs]es?|concessions?|mining\s+titles?|(?:environmental\s+)?approvals?|leases?|"
          r"mining\s+rights)")

# a mining law by its name ("the Mining Act", "the Mineral Resources Law"), and its coming into force
_MINING_LAW = r"\b(?:Mining|Minerals?|Mineral\s+Resources|Subsoil)\s+(?:[\w\-]+\s+)?(?:Act|Law|Code)\b"
_INTO_FORCE = r"(?:enters?|entered|enter|comes?|came|come)\s+into\s+force\b"

# firms at large, not one named: "subsidies to companies that cut their use of rare earths" is a programme (strategy)
_ANY_FIRMS = (r"(?:(?:domestic|local|private|japanese|chinese|foreign|new|small|eligible)\s+)?(?:companies|firms|"
              r"businesses|manufacturers|producers|industry|industries|exporters|carmakers|automakers)\b")

# a supply agreement, which is a company's project (annotation guide): "a binding offtake agreement", "an agreement to
# supply Tesla" (`triggers` reads it as a project's own verb too)
SUPPLY_AGREEMENT = (r"\b(?:a|an|new)\s+(?:[\w\-]+\s+){0,3}?(?:supply|offtake|off-take)\s+(?:agreements?|deals?|"
                    r"contracts?)\b|\bagreement\s+(?:to\s+supply|for\s+the\s+supply\s+of)\b")

# (kind, subkind, pattern); earlier patterns win where spans overlap
_HALT = r"(?:halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|(?:switch|turn)(?:s|es|ed|ing)?\s+off|suspend(?:s|ed|ing)?|" \
        r"idl(?:e|ed|es|ing)|shut(?:s|ting)?\s+down|paus(?:e|ed|es|ing)|cut(?:s|ting)?|reduc(?:e|es|ed|ing)|curtail(?:s|ed|ing)?|scal(?:e|es|ed|ing)\s+back)"
TRIGGERS = [
    ("supply_disruption", "", rf"\b{_HALT}\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-]+\s+){{0,4}}(?:production|output|"
                              rf"operations|assembly|lines?|(?:ore\s+)?processing|mining|work)\b|"
                              rf"\b{_HALT}\s+(?:one|two|three|some|part|half|all|both|most|several|its|their|the)\s+"
                              rf"(?:[\w\-]+\s+){{0,5}}(?:trains|units|furnaces|kilns|potlines|lines|plants?|mines?|fabs?|"
                              rf"factor(?:y|ies)|smelters?|refiner(?:y|ies)|facilit(?:y|ies)|sites?)\b|"
                              rf"\b(?:stop(?:s|ped|ping)?\s+building|"
                              rf"{_HALT}\s+(?:the\s+|its\s+|final\s+|further\s+)?construction)\b|"
                              r"\badjust(?:s|ed|ing)?\s+(?:its\s+|their\s+)?(?:operations|production|output)\b|"
                              r"\bwithdr(?:ew|aw|awn|aws)\s+(?:its\s+|their\s+)?(?:[\w\-]+\s+){0,2}production\s+guidance\b|"
                              r"\b(?:stop|cease|halt|suspend)\w*\s+(?:operating|producing)\b|\b(?:production|output|mining|operations|lines?)\s+"
                              rf"(?:[\w\-']+\s+){{0,6}}(?:halted|suspended|stopped|idled|shut\s+down)\b|"
                              # "planned uranium production in Kazakhstan for 2017 will be reduced by approximately
                              # 10%": output cut by a share (not "production costs were reduced")
                              r"\b(?:production|output)\s+(?:(?!costs?\b|prices?\b)[\w\-']+\s+){0,5}(?:will\s+be|was|were|"
                              r"has\s+been|have\s+been|is\s+being)\s+(?:reduced|cut|curtailed|lowered)\s+by\s+"
                              r"(?:about\s+|approximately\s+|around\s+|some\s+|roughly\s+|up\s+to\s+)?\d|"
                              # "lines at its plants in the affected region have also been stopped"
                              r"\b(?:production|output|operations|lines?)\s+(?:at|in)\s+(?:[\w\-']+\s+){1,12}(?:have|"
                              r"has|had|were|was)\s+(?:also\s+|now\s+)?been\s+(?:halted|suspended|stopped|idled|"
                              r"shut\s+down)\b|"
                              r"\b(?:cut|cuts|cutting|knocked\s+out)\s+(?:the\s+)?(?:power|electricity)\s+"
                              r"(?:supplies?\s+)?to\b|"
                              r"\b(?:production|output)\s+(?:halts?|stoppages?|cuts?)\b|\bplant\s+(?:shutdowns?|"
                              r"closures?)\b|\bcut(?:s|ting)?\s+(?:its\s+|their\s+)?(?:\d{4}\s+)?production\s+"
                              r"(?:target|guidance|plan)s?\b|\b(?:exports|shipments|imports|supplies|deliveries)\s+"
                              r"(?:[\w\-,]+\s+){0,8}(?:have|has|had)\s+(?:all\s+but\s+|largely\s+|almost\s+)?"
                              r"(?:stopped|halted|dried\s+up|ceased)\b|\bexports?\s+(?:hit|disrupted)\b|"
                              r"\b(?:declar\w+|invok\w+)\s+force\s+majeure\b|"
                              r"\b(?:stay|stays|remain|remains|remained|stayed|kept)\s+(?:closed|shut)\b|"
                              r"\bcare[\s\-]+and[\s\-]+maintenance\b|"
                              # "The 1 million tonne-a-year refinery ... is no longer producing"; "Pan Pacific Copper's
                              # refinery at Hitachi ... is also shut but plans to resume production in April"
                              r"\b(?:is|are|was|were)\s+no\s+longer\s+(?:producing|operating|running)\b|"
                              r"\b(?:is|are|was|were)\s+(?:also\s+|still\s+)?(?:shut|idled|offline)\b|"
                              # a site stopped, told with its owner between: "said it had stopped its wafer
                              # subsidiary's plant in Shirakawa" (not "stopped buying from the plant")
                              r"\bstopp(?:ed|ing)\s+(?:its\s+|the\s+|their\s+)?(?:(?!for\s|of\s|at\s|near\s|in\s|by\s|to\s|"
                              r"from\s)[\w\-'’]+\s+){0,3}(?:plant|mine|smelter|refinery|factory|fab)s?\b|"
                              # "operations at some of its production sites in Fukushima and Miyagi were suspended"
                              r"\b(?:operations|production|output|work|processing|mining)\s+at\s+(?:[\w\-'’,]+\s+){1,12}?"
                              r"(?:were|was|have\s+been|"
                              r"has\s+been|had\s+been)\s+(?:temporarily\s+)?(?:suspended|halted|stopped)\b|"
                              # a plant given up or scaled back: "will no longer make cathode active material at the
                              # plant", "is dissolving its partnership with PSMC to build a chip factory", "will
                              # minimise spending on its Giga Arctic cell factory", "commissioning ... would slip
                              # beyond the fourth quarter" (annotation guide: cancellations and delays are disruptions)
                              r"\bwill\s+no\s+longer\s+(?:make|produce|build|manufacture)\b|"
                              r"\bdissolv(?:e|es|ed|ing)\s+(?:its\s+|the\s+|their\s+)?(?:[\w\-]+\s+)?(?:partnership|joint\s+"
                              r"venture|venture|alliance|tie-up)\b(?=[^.]{0,120}\b(?:plant|factory|fab|mine|refinery|smelter)\b)|"
                              r"\b(?:minimi[sz]|cut|slash|reduc|curtail)\w*\s+(?:its\s+)?(?:capital\s+)?spending\s+on\s+"
                              r"(?:its\s+|the\s+)?(?:[\w\-]+\s+){0,4}(?:plant|factory|fab|mine|refinery|smelter|gigafactory|"
                              r"project)\b|"
                              r"\b(?:commissioning|start[\s\-]?up|construction|completion|first\s+production)\b[^.]{0,120}?"
                              r"\b(?:slips?|slipped|would\s+slip)\s+(?:beyond|past|into|to)\b|"
                              r"\b(?:keep|keeps|kept|keeping)\s+(?:[\w\-',]+\s+){1,14}(?:suspended|idle|idled|shut|"
                              r"closed|offline)\b|"
                              r"\b(?:fires?|blazes?|explosions?|blasts?|(?:power\s+)?outages?|blackouts?|(?:earth)?quakes?|floods?|"
                              r"landslides?|cyclones?|typhoons?)\s+(?:[\w\-]+\s+){0,3}(?:hit|halted|disrupted|damaged|"
                              r"stopped|knocked\s+out|crippled|shut)\b|\bfires?\s+broke\s+out\b|"
                              r"\b(?:has|have|had)\s+been\s+(?:idle|shut|closed|offline|halted|suspended|stopped)\s+"
                              r"since\b|\b(?:remains?|remained|stays?|stayed)\s+(?:halted|suspended|idled|offline)\b|"
                              r"\b(?:strikes?|stoppages?|blockades?|lockouts?|protests?)\s+(?:that|which)\s+"
                              r"(?:had\s+|has\s+|have\s+)?(?:shut|halted|idled|stopped|closed|paralys|paralyz|crippled)\w*\b|"
                              r"\b(?:enter(?:s|ed|ing)?|(?:went|go|goes|fell|collapsed|placed)\s+in(?:to)?)\s+(?:administration|"
                              r"receivership|liquidation|insolvency)\b|\bfil(?:ed|es|ing)\s+for\s+(?:chapter\s+(?:7|11|15)\s+)?(?:bankruptcy|insolvency)\b|\bration(?:s|ed|ing)?\s+(?:electricity|power)\s+(?:supplies\s+)?to\s+(?:[\w\-]+\s+){0,2}(?:mines|miners|smelters|refineries|plants)\b|\bfil(?:ed|es|ing)\s+(?:a\s+|an\s+)?(?:[\w\-]+\s+)?chapter\s+(?:7|11|15)\s+(?:case|petition|proceedings?)\b|\bceased\s+(?:all\s+)?(?:works?|activities)\b|\bmothball(?:s|ed|ing)?\b|\bon\s+ice\b|"
                              r"\b(?:went|go|goes|going)\s+on\s+strike\b|\bwalk(?:ed|s)?\s+(?:out|off\s+the\s+job)\b|\bstrike\s+at\b|"
                              # "has been hit by an extensive cyber attack", "launched a general strike on 8 July",
                              # "The three-week strike has shut four of the company's five mines", "Freight traffic
                              # ... came to a halt", "locked out about 9,300 engineers", "is running at sharply
                              # reduced rates after an accident"
                              r"\b(?:hit|struck)\s+by\s+(?:an?\s+)?(?:[\w\-]+\s+){0,2}(?:cyber[\s\-]?attacks?|ransomware|"
                              r"strikes?|fires?|floods?|flooding|explosions?|(?:power\s+)?outages?|blackouts?|"
                              # (not "hit by a flood of cheaper supply": a figure of speech)
                              r"landslides?)\b(?!\s+of\b)|"
                              r"\b(?:launch|began|begin|start|stag)\w*\s+(?:a\s+|an\s+|its\s+|their\s+)?(?:[\w\-]+\s+){0,2}"
                              r"strike\b|"
                              r"\b(?:strikes?|stoppages?|lockouts?|blockades?|protests?)\s+(?:has|have|had)\s+(?:now\s+|also\s+)?"
                              r"(?:shut|halted|idled|stopped|closed|paralys\w*|paralyz\w*|crippled)\b|"
                              r"\b(?:came|come|comes|coming|ground|grinds|grind)\s+to\s+a\s+(?:halt|standstill)\b|"
                              r"\block(?:ed|s)?\s+out\b|"
                              r"\brunning\s+at\s+(?:sharply\s+|significantly\s+|much\s+|severely\s+)?reduced\s+"
                              r"(?:rates?|capacity)\b|"
                              # a mine closed by its permits' withdrawal (not an export licence: a control)
                              rf"\b{PERMIT_VERB}\s+(?:the\s+|its\s+|a\s+)?(?:[\w\-()'’.]+\s+){{0,3}}{PERMIT}\b"
                              r"(?<!export\spermit)(?<!export\spermits)(?<!export\slicence)(?<!export\slicences)(?<!export\slicense)"
                              r"(?<!export\slicenses)(?<!import\slicence)(?<!import\slicences)(?<!import\slicense)"
                              r"(?<!import\slicenses)(?<!import\spermits)|"
                              r"\bdelay\w*\s+(?:the\s+|its\s+)?(?:[\w\-]+\s+){0,3}(?:plant|fab|factory|mine|refinery|"
                              r"smelter)\b|"
                              r"\b(?:smelters?|plants?|mines?|shafts?|refiner(?:y|ies)|factor(?:y|ies)|fabs?|lines?|furnaces?)\s+"
                              r"(?:was|were|has\s+been|have\s+been|had\s+been|is|are|will\s+be)\s+(?:stopped|halted|"
                              r"shut|closed|idled|suspended)\b|"
                              # "The Rozna uranium mine ..., the last working uranium mine in central Europe,
                              # officially closed on Thursday": the site itself the subject, closed at a time
                              r"\b(?:smelter|plant|mine|refinery|factory|fab)\b(?:\s+[^.;:]{0,100}?,)?\s+(?:officially\s+|"
                              r"formally\s+|finally\s+|permanently\s+)?(?:closed|shut\s+down)\s+(?:on|after|at\s+the\s+end|"
                              r"last|this|today|yesterday)\b|"
                              r"\bclos(?:e|es|ed|ing|ure)\s+(?!to\s)(?:of\s+)?(?:the\s+|its\s+)?(?:[\w\-'’]+,?[\w\-'’]*\s+){0,4}(?:smelter|"
                              r"plant|mine|refinery|factory|fab)s?\b|"
                              # a headline's "TO SHUT MOSES LAKE POLYSILICON PLANT" (no determiner)
                              r"\b(?:shut|shuts|idle|idles)\s+(?:[\w\-'’]+\s+){1,4}(?:plant|mine|smelter|refinery|"
                              r"factory|fab)s?\b|"
                              # a planned plant given up: "would not go ahead with Sonic Bay, the ... refinery"
                              r"\b(?:not|no\s+longer)\s+go\s+ahead\s+with\b|"
                              # "told the county that it would not build its Giga America cell plant", "decided not
                              # to build the plant": a plant given up before it was built
                              r"\b(?:(?:would|will|did|does|do)\s+not\s+(?:now\s+)?build|(?:decided|decides|decision|chose|"
                              r"chosen|opted|plans?)\s+not\s+to\s+build|no\s+longer\s+(?:build|plans?\s+to\s+build))\s+"
                              r"(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w\-$.]+\s+){0,5}(?:project|plant|refinery|smelter|mine|"
                              r"factory|fab|gigafactory)s?\b|"
                              r"\b(?:(?:scrap|shelv|abandon|cancel)\w*|drop(?:s|ped|ping)?)\s+"
                              r"(?:(?:its\s+|their\s+)?plans?\s+(?:for|to\s+build)\s+)?(?:the\s+|its\s+|their\s+|a\s+)?"
                              r"(?:(?!for\s|of\s|at\s|near\s|in\s|by\s|to\s|from\s)[\w\-$.()]+\s+){0,4}(?:project|plant|refinery|"
                              r"smelter|mine|factory|fab)s?\b|"
                              # "Construction of the first of two packaging plants that TSMC is building in Chiayi has
                              # been suspended", "the project had been suspended because of financial difficulties"
                              r"\b(?:construction|building)\s+(?:work\s+)?(?:on|of|at)\s+(?:[\w\-'’(),.]+\s+){1,22}?(?:has|have|"
                              r"had|was|were)\s+(?:been\s+)?(?:suspended|halted|stopped|paused|frozen)\b|"
                              r"\b(?:project|plant|fab|factory|refinery|smelter)s?\s+(?:has|have|had|was|were)\s+(?:been\s+)?"
                              r"(?:suspended|halted|shelved|frozen|put\s+on\s+hold)\b|"
                              r"\b(?:suspend|halt|freez|paus)\w*\s+(?:the\s+|its\s+)?(?:planned\s+)?expansion\b|"
                              # "will suspend development of the Trekkopje mine", "will defer spending on its planned
                              # Richburg lithium hydroxide plant", "has withdrawn from the planned plant in Hamina": a
                              # planned site put off (annotation guide: postponed construction is a disruption)
                              r"\b(?:suspend|halt|freez|froze|paus|defer|postpon|delay|shelv)\w*\s+(?:the\s+|its\s+|"
                              r"their\s+|further\s+|all\s+)?(?:construction\s+)?(?:development|spending|investment|work)\s+"
                              r"(?:on|of|at|in)\s+"
                              r"(?:the\s+|its\s+|their\s+|a\s+)?(?:[\w\-\"'’.]+\s+){0,6}(?:projects?|plants?|refiner(?:y|ies)|"
                              r"smelters?|mines?|factor(?:y|ies)|fabs?|deposits?|mills?)\b|"
                              # "is postponing about $12 billion of planned spending on electric-vehicle capacity"
                              r"\b(?:defer|postpon|delay|shelv|paus)\w*\s+(?:about\s+|some\s+|around\s+|nearly\s+)?"
                              r"(?:US|A|C)?\$\s?[\d.,]+\s*(?:million|billion|bn|m)\s+(?:of\s+|in\s+)?(?:planned\s+)?"
                              r"(?:spending|investments?|capital\s+spending|capex)\b|"
                              r"\bwithdr(?:ew|awn|aws?)\s+from\s+(?:the\s+|its\s+|a\s+)?(?:planned\s+|proposed\s+)"
                              r"(?:[\w\-\"'’.()]+\s+){0,6}?(?:projects?|plants?|refiner(?:y|ies)|smelters?|mines?|factor(?:y|ies)|"
                              r"fabs?)\b|"
                              r"\b(?:start-up|startup|opening|production|launch)\s+(?:[\w\-',]+\s+){0,24}(?:pushed\s+back|"
                              r"delayed|postponed)\b|"
                              r"\b(?:postpon|delay)(?:e|es|ed|ing)\s+(?:the\s+|its\s+)?(?:construction|building|"
                              r"start-up|startup|opening)\b|\bflood(?:ed|ing)\s+(?:[\w\-]+\s+){0,4}(?:mines?|pits?|"
                              r"plants?)\b|"
                              r"\border(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w\-]+\s+(?:and\s+)?){0,3}?(?:closure|shutdown|suspension|halt)\s+"
                              r"of\b|"
                              r"\b(?:ordered|ordering|told|telling|instructed|asked|forced|forcing)\s+(?:[\w\-'’,]+\s+){1,8}to\s+"
                              r"(?:shut|close|halt|stop|suspend|idle|cut)\b|"
                              # "to order all gold mining operations in Thailand suspended": what is stopped, then how
                              r"\border(?:s|ed|ing)?\s+(?:all\s+|the\s+)?(?:[\w\-]+\s+){0,3}operations\s+"
                              r"(?:in\s+[\w\-]+\s+)?(?:suspended|shut|closed|halted)\b"),
    ("new_source", "", r"\b(?:start(?:ed|s|ing)?|began|begun|begin|begins|beginning)\s+(?:to\s+)?(?:import(?:ing|s)?|"
                       r"(?:taking|buying|receiving|sourcing)\b(?=[^.]{0,60}\bfrom\b))\b|"
                       r"\bfirst\s+(?:shipments?|cargo(?:es)?|imports?)\s+(?:of\s+(?:[\w\-]+\s+){1,3})?from\b|"
                       r"\b(?:sends?|sent|ships?|shipped|delivers?|delivered|load(?:s|ed|ing)?)\s+(?:its\s+|their\s+)?"
                       r"first\s+(?:[\w\-]+\s+){0,2}(?:shipment|cargo|consignment|batch)\b|"
                       r"\bexport\w*\s+(?:[\w\-]+\s+){0,6}for\s+the\s+first\s+time\b|"
                       # "the first cargo of spodumene concentrate from Pilgangoora left Port Hedland", "sent its
                       # product south for the first time": a new supplier's first delivery under way
                       r"\bfirst\s+(?:[\w\-]+\s+){0,3}(?:shipments?|cargo(?:es)?|consignments?|batch|truck(?:load)?s?|"
                       r"deliver(?:y|ies)|vessels?|ships?|trains?|(?:fuel\s+)?assemblies)\b"
                       r"(?=[^.;]{0,120}?\b(?:left|arrived|departed|reached|sailed|set\s+sail|heads?|headed|heading|"
                       r"discharged|unloaded|docked|trucked|crossed|bound\s+for|on\s+(?:its|their)\s+way|was\s+received|"
                       r"were\s+received|was\s+completed)\b)|"
                       r"\b(?:sends?|sent|ships?|shipped|deliver(?:s|ed)?)\s+(?:[\w\-]+\s+){0,4}for\s+the\s+first\s+"
                       r"time\b|"
                       # "made its maiden shipment of mixed hydroxide", "has received its first consignment of uranium
                       # from Canada", "took delivery of the first 20 kilograms of HALEU", "Canadian uranium arrives in
                       # India for the first time", "has started shipping concentrate to buyers in China"
                       r"\bmaiden\s+(?:[\w\-]+\s+){0,2}(?:shipments?|cargo(?:es)?|consignments?|exports?)\b|"
                       r"\b(?:receiv(?:es|ed|ing)|(?:took|takes|taking)\s+delivery\s+of|hand(?:s|ed)\s+over|dispatch(?:es|ed)|"
                       r"exported)\s+(?:its\s+|their\s+|the\s+)?first\s+(?:[\w\-]+\s+){0,3}(?:shipments?|cargo(?:es)?|"
                       r"consignments?|batch|deliver(?:y|ies)|tonnes|kilograms)\b|"
                       r"\b(?:arriv(?:es|ed|ing)|reach(?:es|ed)|received)\b[^.;]{0,60}\bfor\s+the\s+first\s+time\b|"
                       r"\bstart(?:s|ed|ing)?\s+shipping\s+(?:[\w\-]+\s+){0,3}to\b|"
                       # a find: "Iran has discovered a lithium deposit", "state geologists had identified a rare-earth
                       # deposit", "had established inferred lithium resources of 5.9 million tonnes", "published a
                       # maiden resource estimate"
                       r"\b(?:discover(?:ed|s|y|ies)|identified|outlined|established|finds|(?:has|have|had)\s+found)\s+"
                       r"(?:\S+\s+){0,7}?(?:deposits?|(?:mineral\s+)?resources|reserves)\b|"
                       r"\bmaiden\s+(?:mineral\s+)?resource\b|"
                       # (thirty-second pass) "published the first mineral resource estimate for the Filo del Sol
                       # deposit", "has disclosed a copper discovery at its Winu project"
                       r"\b(?:first|initial|inaugural)\s+(?:[\w\-]+\s+){0,2}resource\s+estimates?\b|"
                       # (forty-third pass) "has unveiled what Finland's geological survey calls the country's most
                       # significant mineral discovery in decades"
                       r"\b(?:disclos|announc|report|unveil|present)(?:ed|es|ing)\s+[^.;]{0,80}?\bdiscover(?:y|ies)\b|"
                       # "a lithium deposit of about 8.5 million tonnes had been identified in Hamedan province"
                       r"\bdeposits?\s+(?:[\w\-.,]+\s+){0,8}?(?:has|have|had)\s+been\s+(?:discovered|identified|found)\b|"
                       # (twenty-seventh pass) "had made a discovery of massive nickel-copper sulphides", "found mud
                       # rich in rare earth elements", "had found about 230 million tonnes of nodules containing"
                       r"\bmade\s+(?:a|an|its|their)\s+(?:[\w\-]+\s+){0,2}discover(?:y|ies)\b|"
                       r"\b(?:discovered|finds|(?:has|have|had)\s+found|found)\s+(?:[\w\-.,]+\s+){0,6}?(?:muds?|nodules|"
                       r"ores?|sediments?|clays?|brines?|crusts?|rocks?|sands?|veins?|sulphides|sulfides|pegmatites?)\s+"
                       r"(?:rich\s+in|containing)\b|"
                       # (thirty-second pass) a find told by what the ground holds ("two prospective sites hold more
                       # than 14.8 million tonnes of lithium resources"), by its rank ("may contain the largest
                       # deposit of rare earth elements yet found"), and a first purchase from a new supplier ("China
                       # buying bauxite from the Solomon Islands for the first time")
                       r"\b(?:hold|holds|contain|contains|host|hosts)\s+(?:more\s+than\s+|about\s+|an\s+estimated\s+|"
                       r"some\s+|up\s+to\s+|nearly\s+)?[\d.,]+\s*(?:million|billion)?\s*(?:metric\s+)?(?:tonnes|tons)\s+"
                       r"of\s+(?:[\w\-]+\s+){0,3}resources?\b|"  # (a country's "reserves" are a statistic)
                       r"\b(?:largest|biggest)\s+(?:[\w\-]+\s+){0,4}deposits?\s+(?:of\s+(?:[\w\-]+\s+){0,4})?"
                       r"(?:yet\s+|ever\s+)?(?:found|discovered)\b|"
                       r"\b(?:buy(?:s|ing)?|bought|import(?:s|ed|ing)?|purchas(?:e|es|ed|ing))\s+(?:[\w\-]+\s+){0,3}from\s+"
                       r"(?:the\s+)?(?:[\w\-]+\s+){1,3}for\s+the\s+first\s+time\b"),
    ("export_control", "suspension", rf"\b(?:suspend(?:s|ed|ing)?|suspension\s+of|lift(?:ed|s|ing)?|pause[sd]?|"
                                     rf"scrap(?:ped|s)?|rescind(?:s|ed)?|"
                                     rf"remov(?:e|ed|es)|roll(?:ed|s)?\s+back)\s+{_W}{{0,4}}(?:export\s+)?"
                                     rf"(?:controls|restrictions|curbs|licen[cs](?:e|ing)\s+requirements?|bans?|"
                                     rf"diffusion\s+rule)\b|"
                                     r"\b(?:controls|restrictions|curbs|bans?)\s+(?:[\w\-,]+\s+){0,12}(?:were|was|are|is|"
                                     r"will\s+be|have\s+been)\s+(?:also\s+)?(?:put|placed)\s+on\s+hold\b|"
                                     # "The temporary controls placed on certain drones last year will be lifted"
                                     r"\b(?:controls|restrictions|curbs)\s+(?:(?!on\s+imports?\b)[\w\-,]+\s+){0,12}(?:were|"
                                     r"was|are|is|will\s+be|would\s+be|have\s+been|has\s+been)\s+(?:also\s+)?(?:lifted|"
                                     r"removed|scrapped|rescinded)\b"),
    # an export tax lifted, none imposed: the verb before it ("to scrap export tariffs on rare earths") or after it
    ("export_control", "suspension", r"\b(?:scrap|abolish|remov|lift|end|eliminat|waiv|cancel|drop|suspend|"
                                     r"repeal)\w*\s+(?:its\s+|the\s+|all\s+)?export\s+(?:tax(?:es)?|dut(?:y|ies)|levy|"
                                     r"levies|tariffs?)\b|"
                                     r"\b(?:stop|stops|stopped|cease[sd]?|end(?:s|ed)?)\s+taxing\s+exports\b|"
                                     # "has also removed the 20 percent tax that had been levied on chrome ore exports"
                                     r"\b(?:scrap|abolish|remov|lift|eliminat|waiv|repeal)\w*\s+(?:its\s+|the\s+|all\s+)?"
                                     r"(?:[\w\-.%]+\s+){0,3}(?:tax(?:es)?|dut(?:y|ies)|levy|levies)\s+(?:that\s+(?:had|has)"
                                     r"\s+been\s+|that\s+was\s+)?(?:levied\s+|imposed\s+|charged\s+)?on\s+(?:the\s+)?"
                                     r"(?:[\w\-]+\s+){0,3}exports?\b|"
                                     r"\bexport\s+(?:tax(?:es)?|dut(?:y|ies)|levy|levies)\b"
                                     r"(?=[^.]{0,80}\b(?:suspend\w*|"
                                     r"scrap\w*|lift\w*|remov\w*|waiv\w*|abolish\w*)\b)"),
    ("export_control", "tax", r"\bexport\s+(?:tax(?:es)?|dut(?:y|ies)|levy|levies|tariffs?)\b|"
                              r"\b(?:tax(?:es)?|dut(?:y|ies)|levy|levies|charges?)\s+on\s+(?:the\s+)?(?:[\w\-]+\s+)?"
                              r"exports?\b|\b(?:levy|levie|impos|introduc|slap|set)\w*\s+(?:a\s+|an\s+)?(?:[\w\-.%]+\s+){0,3}"
                              r"(?:tax|duty|levy|charge)\s+on\s+(?:the\s+)?(?:[\w\-]+\s+)?exports?\b|"
                              # "corn exports will carry a duty of €25 a tonne", "barley exports will be taxed at €10"
                              r"\bexports?\s+(?:will\s+|would\s+|must\s+)?(?:carry|attract|bear)\s+(?:an?\s+)?"
                              r"(?:export\s+)?(?:duty|tax|levy)\b|\bexports?\s+(?:will\s+be|would\s+be|are|is|were|was)"
                              r"\s+(?:also\s+)?taxed\b|"
                              # "exporters must now pay a fee of 400 dirhams per tonne on ferrous scrap"
                              r"\bexporters\s+(?:must|will|shall|have\s+to|will\s+have\s+to)\s+(?:now\s+|also\s+)?pay\s+"
                              r"(?:a|an)\s+(?:[\w\-]+\s+){0,2}(?:fee|levy|duty|tax|charge)\b"),
    ("export_control", "quota", r"\bexport\s+(?:quotas?|limits?|ceilings?)\b|"
                                r"\bquotas?\s+(?:on|for)\s+(?:\w+\s+){0,3}exports?\b|"
                                r"\bcap(?:s|ped|ping)?\s+(?:its\s+|the\s+)?(?:[\w\-]+\s+){0,2}exports?\b|\bquota\s+system\b|"
                                r"\bexports?\s+(?:[\w\-()]+\s+){0,6}(?:are|is|were|was|will\s+be)\s+capped\b|"
                                r"\bquotas?\b(?=[^.]{0,80}\bexport)|"
                                r"\bexports?\s+of\s+(?:[\w\-,]+\s+){1,6}(?:to\s+(?:the\s+)?[\w\-']+\s+)?"
                                r"(?:shall|will|may)\s+not\s+exceed\b"),
    ("tariff", "import_ban", r"\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|bar(?:s|red|ring)?)\s+(?:\w+\s+){0,3}"
                             r"import(?:s|ation)?\b|\bimports?\s+bans?\b|\bsuspend(?:s|ed|ing)?\s+(?:all\s+)?(?:[\w\-]+\s+){0,2}imports\b|"
                             r"\bembargo\s+on\s+(?:the\s+)?imports?\b|"
                             r"(?<!export\s)(?<!exports\s)\bbans?\s+on\s+(?!(?:[\w\-]+\s+){0,3}exports?\b)(?:[\w\-]+\s+){0,5}(?:products|goods|"
                             r"produce|foods?|seafood|grain|meat|beef|pork|poultry|fish)\b(?![^.]{0,40}\bexport)|\b(?:detention|withhold\s+release)\s+order\b|\bno\s+longer\s+(?:allow|permit)\s+(?:[\w\-]+\s+){0,4}"
                             r"to\s+import\b|"
                             # a notice's own prohibition: "imports of coal, iron ... originating in the DPRK are
                             # completely prohibited"
                             r"\bimports?\s+of\s+[^.;:]{1,200}?\s+(?:are|is|shall\s+be|will\s+be)\s+(?:also\s+)?"
                             r"(?:completely\s+|fully\s+|hereby\s+|henceforth\s+)?prohibited\b|"
                             r"\brestrict(?:s|ed|ing)?\s+(?:trade\s+in|imports?\s+of)\b|"
                             # "placed imports of low ash metallurgical coke under country-wise quantitative
                             # restrictions"
                             r"\bimports?\s+of\s+(?:[\w\-]+\s+){1,6}under\s+(?:[\w\-]+\s+){0,2}(?:quantitative\s+"
                             r"restrictions|quotas?)\b|"
                             # "Hungary is closing its border to 24 Ukrainian products", "may no longer import"
                             r"\bclos(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?borders?\s+to\s+(?:[\w\-]+\s+){0,3}(?:products|"
                             r"goods|imports)\b|\b(?:may|can)\s+no\s+longer\s+import\b"),
    ("export_control", "ban", rf"\b(?:ban(?:s|ned|ning)?|bar(?:s|red|ring)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed)?|"
                              rf"halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|suspension\s+of)\s+"
                              rf"(?:on\s+)?{_W}{{0,5}}(?:exports?|shipments?|sales\s+abroad)\b|\bexports?\s+bans?\b|"
                              r"\bexports?\s+(?:\w+\s+){0,10}(?:banned|prohibited|suspended|halted)\b|"
                              # "no waste and scrap of the kinds listed may be exported for two months"
                              r"\bno\s+(?:[\w\-,]+\s+){1,10}?(?:may|can|shall)\s+be\s+exported\b|"
                              r"\b(?:ore|export)\s+ban\b|\bmoratorium\s+on\s+(?:the\s+)?exports?\b|\barms\s+embargo\b|\b(?:stop|halt|suspend|cease)\w*\s+exporting\b|\b(?:bar(?:s|red|ring)?|ban(?:s|ned|ning)?)\s+(?:[\w\-]+\s+){0,6}from\s+"
                              r"(?:export\w*|(?:selling|shipping|supplying)\s+(?:[\w\-,]+\s+){0,5}to)\b|\bno\s+longer\s+(?:sell|export|ship|supply)\b|"
                              # "a decree banning supplies of crude oil and oil products to foreign buyers"
                              r"\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed)?)\s+(?:\w+\s+){0,2}"
                              r"(?:supplies|deliveries|sales)\s+(?:of\s+(?:[\w\-]+\s+){1,5})?(?:to|abroad)\b|"
                              r"\bexports?\s+of\s+[^.;:]{1,150}?\s+(?:are|is|shall\s+be|will\s+be)\s+(?:also\s+)?"
                              r"(?:completely\s+|fully\s+|hereby\s+|henceforth\s+)?prohibited\b|"
                              r"\bban(?:s|ned|ning)?\s+the\s+(?:sale|supply|export)\s+to\b|"
                              # "prohibited the sale, supply and leasing of aircraft ... to Russian airlines" (a
                              # sanctions package's wording; a takeover vetoed is "the sale of" alone)
                              r"\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?)\s+the\s+(?:sale|supply|export),?\s+"
                              r"(?:(?:and|or)\s+)?(?:supply|export|transfer|leasing|delivery)\b|"
                              r"\b(?:end|ends|ended|cut\s+off)\s+(?:all\s+)?exports\s+of\b|"
                              # "METI will in principle stop approving those applications": an outright ban
                              r"\bstop(?:s|ped)?\s+(?:approving|issuing|granting)\s+(?:[\w\-]+\s+){0,3}(?:applications|"
                              r"licen[cs]es|permits)\b"),
    ("export_control", "licence", r"\b(?:export\s+)?control\s+lists?\b|"
                                  r"\bauthori[sz](?:e|es|ed|ing)\s+(?:the\s+)?(?:exports?|sales?|shipments?)\b|"
                                  # "has allowed PT Modern Cahaya Makmur and PT Integra Mining Nusantara to resume
                                  # nickel ore exports"
                                  r"\ballow(?:s|ed|ing)?\s+(?:[\w\-]+\s+){1,10}to\s+(?:export|ship|resume\s+(?:[\w\-]+\s+){0,3}"
                                  r"exports)\b|"
                                  # "will once again let miners ship ore abroad", "companies may export nickel ore"
                                  r"\blet(?:s|ting)?\s+(?:[\w\-]+\s+){1,5}(?:keep\s+|continue\s+)?(?:export|ship)"
                                  r"(?:ping|ing)?\b|\b(?:validated|authori[sz]ed)\s+end[\s\-]users?\b|"
                                  r"\b(?:companies|miners|firms|producers|exporters)\s+(?:may|can|will\s+be\s+(?:able|"
                                  r"allowed)\s+to)\s+(?:export|ship)\b|"
                                  r"\bwhite[\s\-]?list\b|\blist\s+of\s+(?:\w+[\s\-]+){0,2}trusted\s+(?:trading\s+)?partners\b|"
                                  r"\b(?:temporary\s+)?general\s+licen[cs]es?\b|"
                                  r"(?<!unreliable\s)\b(?:entity|unverified|end[\s\-]user)\s+list\b|"
                                  # "US blacklists five Chinese supercomputing entities"
                                  r"\bblacklist(?:s|ed|ing)?\s+(?:[\w\-]+\s+){0,4}(?:entities|companies|firms|organi[sz]ations)\b|"
                                  # a licence granted to a supplier: "had received licences from the US Commerce
                                  # Department to keep supplying certain products to Huawei", "had been granted a
                                  # one-year authorisation by the US Commerce Department"
                                  r"\b(?:received|receives|granted|obtained|secured|won)\s+(?:a\s+|an\s+)?(?:[\w\-]+\s+){0,2}"
                                  r"(?:licen[cs]es?|authori[sz]ations?)\s+(?:from|by)\s+(?:the\s+)?(?:[\w.\-]+\s+){0,3}?"
                                  r"(?:Commerce|Department\s+of\s+Commerce|BIS|Bureau\s+of\s+Industry\s+and\s+Security)\b|"
                                  r"\bexport\s+(?:licen[cs]\w*|permits?|controls?|restrictions?|curbs?|"
                                  r"approvals?|licensing)\b|"
                                  r"\b(?:restrictions?|curbs?|controls?|limits?)\s+on\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}"
                                  r"exports?\b|\b(?:cannot|can\s+not|may\s+not)\s+be\s+exported\s+without\b|"
                                  # "from July 1, unprocessed titanium ore may not be exported"
                                  r"\b(?:may|can|must|will)\s+(?:not|no\s+longer)\s+be\s+exported\b|"
                                  # "expands the licence requirements for items destined for military end uses",
                                  # "a national licensing requirement for exports", "eliminated License Exception CIV"
                                  r"\b(?:expand|extend|impos|introduc|add|tighten|broaden|widen)\w*\s+(?:the\s+|a\s+|an\s+|"
                                  r"new\s+|its\s+)?(?:[\w\-]+\s+){0,2}licen[cs](?:e|ing)\s+requirements?\b|"
                                  r"\blicen[cs](?:e|ing)\s+requirements?\s+(?:for|on)\s+(?:[\w\-]+\s+){0,3}exports?\b|"
                                  r"\b(?:eliminat|remov|revok|suspend|narrow|restrict|withdr|end)\w*\s+(?:the\s+)?"
                                  r"(?:[\w\-]+\s+){0,2}licen[cs]e\s+exceptions?\b|"
                                  rf"\b(?:licen[cs]es?|permits?|permission|approval)\s+(?:to|for)\s+{_W}{{0,4}}"
                                  r"(?:exports?|export|shipments?|ship)\b|"
                                  rf"\b(?:curb|restrict|control|limit|tighten)(?:s|ed|ing)?\s+{_W}{{0,4}}(?:exports?|"
                                  r"shipments?|overseas\s+sales)\b|"
                                  r"(?<!mining )\b(?:licen[cs]es?|permits?)\b(?=[^.]{0,80}\bexport)|"
                                  r"\b(?:curbs?|restrictions?|controls?)\s+on\s+(?:\w+\s+){0,2}(?:sales|shipments)\b|"
                                  r"\bexporters?\s+(?:\w+\s+){0,4}(?:need|require|apply|obtain)\w*\s+(?:\w+\s+){0,6}"
                                  r"(?:licen[cs]es?|permits?|approval|permission)\b|"
                                  r"\b(?:need|require)s?\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:licen[cs]e|permit|approval)s?\b|"
                                  r"\bpermitting\s+requirements?\b(?=[^.]{0,80}\bexport)|"
                                  r"(?:['’]s|\bits)\s+(?:\w+\s+){0,2}(?:curbs|restrictions|controls)\b|"
                                  r"\b(?:stricter|tighter)\s+(?:end[\s\-]use\s+|end[\s\-]user\s+)?(?:reviews?|checks|"
                                  r"scrutiny)\b(?=[^.]{0,60}\bend[\s\-]users?)|"
                                  r"\b(?:shipments|exports)\s+(?:\w+\s+){0,6}(?:will\s+)?face\s+(?:stricter|tighter)\b|"
                                  r"\bsold\s+(?:to|abroad)\s+(?:\w+\s+){0,4}(?:will\s+)?face\s+(?:stricter|tighter)\b|"
                                  r"\bexports?\s+(?:is|are|was|were|will\s+be)\s+(?:now\s+)?(?:restricted|controlled|"
                                  r"subject\s+to\s+(?:a\s+)?licen[cs]\w*)\b|"
                                  # "adopted its proposal to recast the Dual-Use Regulation", "replaces Annex I to the
                                  # Dual-Use Regulation"
                                  r"\b(?:recast|replac\w+|amend\w*|updat\w+|revis\w+)\s+(?:[\w\-'’]+\s+){0,5}"
                                  r"(?:to\s+|of\s+|for\s+)?(?:the\s+)?dual[\s\-]use\s+(?:regulation|list|control\s+list|"
                                  r"items|goods|regime)\b"),
    # a charge on mining itself ("creates a special mining duty of 7.5% on concession holders' income", "the
    # Special Mining Levy", "raise resource tax on rare earths") is fiscal policy, not a duty on imports
    ("strategy", "", r"\b(?:introduc|impos|levy|levie|scrap|abolish|remov)\w*\s+(?:a\s+|an\s+|the\s+|its\s+)?"
                     r"(?:[\w\-]+\s+)?windfall\s+(?:tax|levy|profits?\s+tax)\b|"
                     r"\b(?:special|extraordinary|new|additional)\s+mining\s+(?:dut(?:y|ies)|levy|levies|tax(?:es)?|"
                     r"royalt(?:y|ies))\b|\b(?:mining|mineral|resource)\s+(?:extraction\s+|rent\s+|royalty\s+)?"
                     r"(?:dut(?:y|ies)|levy|levies|tax(?:es)?)\s+(?:of|on|rates?)\b|"
                     # "China's Resource Tax Law takes effect": a law of what miners pay
                     r"\b(?:mining|mineral|resource)\s+(?:tax|royalty|royalties)\s+(?:law|act|code|regime)\b|"
                     # "the corporate tax rate for mining companies will rise to 30 percent"
                     r"\b(?:corporate|corporation|income|profits?)\s+tax\s+(?:rate\s+)?(?:for|on|paid\s+by)\s+"
                     r"(?:large\s+)?(?:mining|mineral|mines|miners)\b|"
                     # "a special duty of 7.5 percent on their operating earnings": a charge on what miners earn
                     r"\b(?:dut(?:y|ies)|levy|levies)\s+of\s+[\d.]+\s*(?:%|per\s*cent|percent)\s+on\s+(?:their\s+|its\s+|"
                     r"the\s+)?(?:operating\s+|gross\s+|net\s+)?(?:earnings|revenues?|profits?|income)\b|"
                     # a royalty levied or changed: "levies a 5% royalty on lithium hydroxide", "the flat 10% royalty
                     # on nickel ore will be replaced by a sliding rate"
                     r"\blev(?:y|ies|ied|ying)\s+(?:a\s+|an\s+)?(?:[\d.]+\s*(?:%|per\s*cent)\s+)?(?:[\w\-]+\s+)?"
                     r"royalt(?:y|ies)\b|\broyalt(?:y|ies)\s+(?:rates?\s+)?on\s+(?:[\w\-]+\s+){1,3}(?:will\s+be|is|are|"
                     r"was|were|has\s+been|have\s+been)\s+(?:replaced|raised|increased|cut|lowered|reduced|doubled|"
                     r"scrapped|abolished)\b"),
    ("tariff", "investigation", r"\b(?:section\s+232|sec\.?\s*232|trade)\s+(?:[\w\-]+\s+)?(?:investigation|probe)\b|"
                                r"\b(?:investigation|probe)\s+into\s+(?:\w+\s+){0,3}imports\b|"
                                # "launched an anti-dumping investigation into aluminium frames", "self-initiated
                                # anti-dumping and anti-subsidy investigations", "an investigation under Section 232"
                                r"\b(?:(?:anti-?)?dumping|anti-?subsidy|countervailing(?:\s+duty)?|anti-?circumvention|"
                                r"safeguard)\s+(?:and\s+(?:anti-?[\w]+|countervailing(?:\s+duty)?)\s+)?"
                                r"(?:investigations?|probes?)\b|"
                                r"\b(?:investigation|probe)\s+under\s+section\s+(?:201|232|301)\b"),
    ("tariff", "", r"\b(?:reciprocal\s+|retaliatory\s+|additional\s+|import\s+|anti-?dumping\s+|countervailing\s+)?"
                   r"(?:tariffs?|levy(?!\s+(?:an?|the|its|their|export|import|act|law|bill|on\s+(?:mined|mining|extracted))\b)|levies|surtax(?:es)?|surcharges?|import\s+(?:dut(?:y|ies)|tax(?:es)?)|customs\s+dut(?:y|ies)|"
                   r"reciprocal\s+rate)\b"
                   r"(?!\s+(?:deal|agreement|framework|pact|truce|talks|negotiations|schedules?|lines?|codes?|"
                   r"headings?|classifications?|nomenclature)\b)|"
                   r"\b(?:anti-?dumping\s+|countervailing\s+)?dut(?:y|ies)\s+(?:on|of)\b|\bad\s+valorem\s+dut(?:y|ies)\b|"
                   # "will attract 10% duty", "terminate the AGOA trade preferences of Ethiopia"
                   r"\battract\w*\s+(?:a\s+)?\d[\d.]*\s*(?:%|per\s*cent|percent)\s+(?:basic\s+)?(?:customs\s+|import\s+)?"
                   r"dut(?:y|ies)\b|"
                   r"\bterminat\w*\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}(?:trade\s+preferences|preferential\s+"
                   r"(?:treatment|access|tariffs?)|duty-free\s+(?:treatment|access))\b|"
                   r"\b(?:section\s+(?:201|232|301)|safeguard)\s+(?:dut(?:y|ies)|measures?)\b|"
                   r"\bcountermeasures\b|\b(?:duty[\s\-]free|tariff[\s\-]rate|import)\s+quotas?\b|"
                   # "anti-dumping and anti-subsidy measures on imports", "the safeguard on 10 steel categories"
                   rf"\b(?:impos|levy|levie|levi|slap|introduc|extend|prolong|renew)\w*\s+(?:\w+\s+){{0,2}}{_DEFENCE}|"
                   rf"\b{_DEFENCE}(?=\s+(?:[\w\-]+\s+){{0,4}}(?:on|against|for)\b)|"
                   r"\bsafeguards?\s+(?:on|for)\b|"
                   # "the Commission will tighten the existing steel safeguard"
                   r"\b(?:tighten|strengthen|reinforc)\w*\s+(?:the\s+|its\s+)?(?:existing\s+|current\s+)?"
                   r"(?:[\w\-]+\s+){0,2}safeguards?\b|"
                   # a dumping determination: "had been sold in the United States at less than fair value", "sold
                   # oil country tubular goods in the United States below fair value"
                   r"\b(?:sold|dumped)\s+(?:[\w\-]+\s+){0,8}(?:at\s+less\s+than|below)\s+fair\s+value\b|"
                   r"\b(?:maintain|extend|prolong|renew)\w*\s+(?:the\s+)?(?:anti-?dumping\s+|countervailing\s+|"
                   r"safeguard\s+)?measures\s+for\s+a\s+further\b|"
                   r"\b(?:threaten\w*|caus\w+)\s+(?:the\s+)?(?:[\w\-.]+\s+){0,2}industry\s+with\s+material\s+injury\b|"
                   r"\bexempt\w*\s+from\s+(?:[\w\-]+\s+){0,2}import\s+(?:duties|tariffs)\b|"
                   r"\blift(?:s|ed|ing)?\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:[\w\-'’]+\s+){0,2}sanctions\s+(?:on|against)\b|"
                   # a trade-defence order's review: "the order on imports from China stays in place"
                   r"\b(?:duty\s+)?order\s+on\s+(?:[\w\-]+\s+){0,3}(?:imports\s+)?from\b"),
    ("tariff", "import_licence", r"\b(?:licen[cs]\w*|authori[sz]ation)\s+(?:requirements?\s+|regime\s+)?(?:for|on)\s+"
                                 r"(?:the\s+)?imports?\b|\bimport\s+licen[cs](?:e|es|ing)\s+(?:requirements?|regime|"
                                 r"rules?)\b"),
    ("strategy", "", r"(?-i:\b(?:[A-Z][\w\-]*\s+){1,6}Act\b),?\s*(?:\d{4}\s+)?(?:is\s+now|now)\s+in\s+force\b|"
                     r"\b(?:support|subsidy|incentive|aid|stimulus)\s+package\b|"
                     # a fund or a financing facility set up ("will create a 250 billion won (about $175 million) fund
                     # to invest in critical minerals", "launched a A$2 billion Southeast Asia Investment Financing
                     # Facility"): a programme, not one project
                     r"\b(?:creat|establish|set(?:s|ting)?\s+up|launch)\w*\s+(?:a\s+|an\s+|the\s+)?"
                     r"(?:[\w\-$€£¥.,()]+\s+){0,8}?(?:fund|(?:financing|lending|loan|credit)\s+(?:facility|"
                     r"programme|program|tool|window))\b|"
                     # "a A$2 billion expansion of the Critical Minerals Facility": a named lending programme widened
                     r"\b(?:expan\w*|top(?:s|ped|ping)?[\s\-]up|doubl\w*|boost\w*)\s+(?:of\s+)?(?:the\s+|its\s+)?"
                     r"(?-i:(?:[A-Z][\w\-]*\s+){1,4}(?:Facility|Fund|Program|Programme))\b|"
                     # a state company set up to mine or to hold a chain ("will create a national mining company",
                     # "to set up a state-owned lithium company")
                     r"\b(?:creat|establish|set(?:s|ting)?\s+up|found(?:s|ed|ing)?\b|launch)\w*\s+(?:a\s+|the\s+)?"
                     r"(?:new\s+)?(?:national|state(?:-owned)?|state-backed|government-backed)\s+(?:[\w\-]+\s+){0,2}?"
                     r"(?:company|firm|corporation|enterprise)\b|"
                     # "voted to repeal the zoning law that would have opened the plateau to metal mining", "declared
                     # the whole of the country free of open-pit mining"
                     r"\b(?:repeal|overturn|annul)\w*\s+(?:the\s+|a\s+)?(?:[\w\-]+\s+){0,3}(?:law|act|decree|code)\b"
                     r"(?=[^.]{0,120}\bmining\b)|"
                     r"\bdeclar\w*\s+(?:[\w\-]+\s+){0,6}free\s+of\s+(?:[\w\-]+\s+){0,2}mining\b|"
                     # "tightened its foreign direct investment rules", "a package of measures to strengthen ...",
                     # "Mineral Bearing Land Cess Act, 2024 is now in force", "will introduce a Future Made in
                     # Australia Act"
                     r"\b(?:tighten|toughen|widen|strengthen)\w*\s+(?:its\s+|the\s+|their\s+)?(?:[\w\-]+\s+){0,3}"
                     r"(?:investment|FDI)\s+(?:screening\s+)?(?:rules|regime|regulations|policy|law)\b|"
                     # "set out changes to foreign investment screening"
                     r"\bchanges?\s+to\s+(?:the\s+|its\s+|their\s+)?(?:foreign\s+(?:direct\s+)?investment|FDI|"
                     r"investment)\s+(?:screening|review|rules|regime|framework)\b|"
                     # "All proposed foreign investments into Australia will need approval from the Foreign
                     # Investment Review Board", "investors from ... will need government approval before investing"
                     r"\b(?:foreign|overseas|proposed)\s+(?:direct\s+)?investments?\b[^.;]{0,80}?\b(?:will|would|must|"
                     r"shall)\s+(?:now\s+|all\s+|also\s+)?(?:need|require)\s+(?:prior\s+|government\s+|regulatory\s+)?"
                     r"approval\b|\b(?:need|require)\w*\s+(?:prior\s+)?(?:government\s+)?approval\s+before\s+"
                     r"(?:investing|acquiring|buying|taking)\b|"
                     r"\bpackage\s+of\s+measures\b|"
                     r"\bintroduce\s+(?:a|an|the)\s+(?-i:(?:(?:[A-Z][\w\-]*|in|of|for|and|on)\s+){1,7}Act)\b|"
                     # "formally launched Indonesia Battery Corporation (IBC)": a national battery or minerals company
                     r"\blaunch\w*\s+(?-i:(?:[A-Z][\w\-]+\s+){1,3})(?:Battery|Minerals?|Mining|Lithium)\s+"
                     r"(?:Corporation|Company|Corp)\b|"
                     # "signed the revised mining code into law", "gave final approval to a new royalty on large copper
                     # miners", "published the final version of the country's new Mining Charter"
                     r"\b(?:approv|pass|adopt|enact|sign|publish|gazett|promulgat)\w*\s+(?:[\w\-'’./]+\s+){0,8}?"
                     r"(?:(?:mining|subsoil|minerals?)\s+(?:[\w\-]+\s+)?(?:code|charter|law|bill)|royalt(?:y|ies))\b|"
                     r"\b(?:extra|supplementary)\s+budget\b(?=[^.]{0,200}\b(?:rare\s+earths?|minerals?|metals|"
                     r"reliance)\b)|\bset(?:s|ting)?\s+aside\s+(?:up\s+to\s+|about\s+|roughly\s+|some\s+|nearly\s+)?"
                     r"(?:(?:US|A|C)?[$€¥£]\s?)?[\d.,]+\s*(?:million|billion|bn|trillion)?\s*(?:yen|euros?|dollars)?"
                     r"(?=[^.]{0,200}\b(?:rare\s+earths?|minerals?|mining|materials|batter(?:y|ies))\b)|"
                     r"\btax\s+credits?\b(?=[^.]{0,160}\b(?:minerals?|mining|batter(?:y|ies)|magnets?|rare\s+earths?|"
                     r"processing|refining)\b)|"
                     r"\bpass(?:ed|es)?\s+(?:a|the)\s+(?=[^.]{0,120}\b(?:minerals?|mining|mines)\b)"
                     r"(?:[\w\-(),]+\s+){0,9}Bill\b|"
                     r"\bnam(?:ed|es|ing)\s+(?:\d+|[\w\-]+)\s+(?:[\w\-]+\s+)?(?:minerals|materials|elements)\s+(?:as\s+)?"
                     r"(?:critical|strategic)\b|"
                     r"\bdeclar\w+\s+a\s+national\s+emergency\b(?=[^.]{0,120}\b(?:minerals?|mining|supply)\b)|"
                     # an executive order on minerals or supply chains, not one that imposes tariffs (a tariff's)
                     r"\bsign\w*\s+(?:an?\s+|the\s+)?executive\s+orders?\b(?![^.]{0,240}\b(?:tariffs?|duty|duties|"
                     r"levy|sanctions?)\b)(?=[^.]{0,240}\b(?:minerals?|mining|stockpil\w*|supply\s+chains?|seabed|"
                     r"processing|production)\b)|"
                     r"\b(?:approv|launch|unveil|announc|introduc)\w*\s+(?:a|an|the)\s+(?:[\w\-$.,()]+\s+){0,6}scheme\b|"
                     r"\b(?:catalog(?:ue)?|inventory)\s+of\s+(?:\w+\s+)?(?:critical|strategic)\s+(?:minerals|raw\s+materials|"
                     r"materials|resources|substances)\b|"
                     # (not "a joint declaration of intent on critical minerals": a pact's)
                     r"\b(?<!joint\s)declar(?!ations?\s+of\s+intent)\w*\s+(?:[\w\-,]+\s+){1,6}[\"“]?(?:strategic|critical)[\"”]?\s+(?:minerals|"
                     r"substances|materials|resources|metals)\b|\b(?:propos|publish|releas|unveil|updat|issu|draft)\w*\s+"
                     r"(?:a\s+|an\s+|the\s+|its\s+)?(?:[\w\-]+\s+){0,2}(?:critical|strategic)\s+list\b|"
                     r"\b(?:minerals?|mineral\s+commodities|elements|raw\s+materials|materials)\s+(?:deemed|"
                     r"considered|designated|classed|classified|identified)\s+(?:as\s+)?(?:critical|strategic)\b|"
                     r"\blist\s+of\s+(?:\d+\s+|[\w\-]+\s+){0,2}(?:critical|strategic)\s+(?:minerals|raw\s+materials|"
                     r"materials|elements)\b|\b(?:critical|strategic)\s+(?:minerals?|raw\s+materials?|materials)\s+"
                     r"list\b|\bdeclar\w+\s+(?:a\s+)?(?:[\w\-]+\s+){0,3}reserve\b|"
                     r"\b(?:action\s+plan|(?:national\s+|industrial\s+|minerals?\s+)?strategy|roadmap|blueprint|"
                     r"Raw\s+Materials\s+Act)\b|(?-i:\b(?:[A-Z][\w\-]+\s+){1,5}(?:Act|Plan|Strategy|Programme|Program|Regulations)\b)|"
                     r"\b(?:approv|pass|adopt|enact|sign)\w*\s+(?:a\s+|an\s+|the\s+)?(?:[\w\-]+\s+)?(?:revision|overhaul|amendments?)\s+(?:of|to)\s+(?:the\s+|its\s+)?(?:[\w\-'’]+\s+){0,4}(?:mining|"
                     r"minerals?|mineral\s+resources?)\s+(?:law|code|act)\b|"
                     r"(?-i:\bExecutive\s+Order\s+(?:No\.?\s*)?\d+),?\s+(?:which\s+[\w\-]+\s+)?signed\b"
                     r"(?=[^.]{0,200}\b(?:minerals?|mining|mines)\b)|"
                     r"\b(?:pass(?:ed|es)?|adopt(?:ed|s)?|approv(?:ed|es)|enact(?:ed|s)?)\s+(?:a|the|its)\s+(?:new\s+|revised\s+|"
                     r"amended\s+)?(?:[\w\-'’]+\s+){0,4}law\b|"
                     # a headline's "Luxembourg's parliament adopts law letting companies own ...": no determiner
                     r"\b(?:pass(?:ed|es)|adopt(?:ed|s)|approv(?:ed|es)|enact(?:ed|s))\s+(?:new\s+)?law\s+(?:on|to|that|"
                     r"letting|allowing|giving|granting|requiring|making)\b|"
                     # "Mozambique's new Mining Law, was published on 18 August"; "Law No. 20,469, which amends the
                     # specific tax on mining activity"; "revised the royalty ... payable on major minerals"
                     rf"{_MINING_LAW},?\s+(?:was|were|has\s+been|have\s+been)\s+(?:published|gazetted|promulgated|"
                     r"enacted|adopted|signed)\b|"
                     r"\bamend(?:s|ed|ing)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}(?:tax|royalty|levy)\s+on\s+(?:mining|"
                     r"miners|minerals)\b|\brevis(?:e|es|ed|ing)\s+(?:the\s+)?(?:rates?\s+of\s+)?royalt(?:y|ies)\b|"
                     r"\bdesignat(?:ed|es|ing)\b(?=[^.]{0,80}\b(?:critical|strategic|specified)\b)|\b(?:national|critical[\s\-]minerals?|critical[\s\-]raw[\s\-]materials?|raw[\s\-]materials?|"
                     r"strategic)\s+(?:[\w\-]+\s+){0,2}(?:mission|programme|program|reserve|fund)\b|\bdiversify\s+(?:the\s+)?suppl(?:y|ies)\b|"
                     r"\b(?:national|strategic|defen[cs]e|state|government)\s+(?:[\w\-]+\s+){0,2}stockpiles?\b|"
                     # "will set up a $2 billion loan facility to finance Australian critical minerals projects"
                     r"\b(?:set(?:s|ting)?\s+up|establish\w*|creat\w*|launch\w*)\s+(?:a|an|the)\s+(?:new\s+)?"
                     r"(?:(?:US|A|C)?[$€£]\s?[\d.,]+\s*(?:million|billion|bn|m)\s+)?(?:[\w\-]+\s+){0,2}(?:loan|"
                     r"financing|lending)\s+facility\b|"
                     # "The Act amends the Mining Act, 2010 so that ...", "The amendments to the Mining Act will enter
                     # into force on 1 June": a mining law changed or in force
                     rf"\bamend(?:s|ed)\s+(?:the\s+|its\s+)?(?:[\w\-'’]+\s+){{0,2}}{_MINING_LAW}|"
                     rf"\bamendments?\s+to\s+(?:the\s+|its\s+)?(?:[\w\-'’]+\s+){{0,2}}{_MINING_LAW}(?:,?\s+\d{{4}})?\s+"
                     rf"(?:will\s+|has\s+|have\s+)?{_INTO_FORCE}|"
                     rf"{_MINING_LAW}(?:,?\s+\d{{4}})?\s+(?:will\s+|has\s+|finally\s+)?{_INTO_FORCE}|"
                     # "China's state reserve buys more than 400 tonnes of cobalt for stockpile": a government buys
                     # for its reserve
                     r"\b(?:buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing))\s+(?:[\w\-,.]+\s+){0,8}?(?:for|into|to)\s+"
                     r"(?:its\s+|the\s+|a\s+|state\s+|national\s+|strategic\s+)*(?:stockpiles?|reserves?)\b|"
                     r"\bstate\s+reserves?\s+(?:[\w\-]+\s+){0,3}(?:buy(?:s|ing)?|bought|purchas\w*|stockpil\w*)\b|"
                     # "the National Food and Strategic Reserves Administration has agreed to purchase cobalt"
                     r"\breserves?\s+(?:administration|bureau|agency)\s+(?:[\w\-]+\s+){0,4}(?:buy(?:s|ing)?|bought|"
                     r"purchas\w*|stockpil\w*)\b|"
                     # a royalty or tax set: "sharply raised the royalties it charges", "a single royalty rate of 6
                     # percent would apply", "a $250 million royalty deferral scheme", "pay 50% of their royalties in
                     # the minerals themselves"
                     r"\b(?:rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|"
                     r"lower(?:s|ed|ing)?|cut(?:s|ting)?)\s+(?:the\s+|its\s+)?(?:[\w\-]+\s+){0,2}royalt(?:y|ies)\b|"
                     r"\broyalty\s+rates?\s+of\s+\d|\broyalty\s+(?:deferral|relief|holiday)\s+(?:scheme|programme|"
                     r"program)\b|\bpay\s+\d+\s*(?:%|per\s*cent|percent)\s+of\s+(?:their|its)\s+royalties\s+in\b|"
                     # a law passed: "the Minerals Resource Rent Tax finally passed the Senate", "voted the
                     # amendments", "the amendment passed on April 19"
                     r"\b(?:tax|act|law|bill|code|amendments?)\s+(?:finally\s+|was\s+|were\s+)?passed\s+(?:the\s+|by\s+"
                     r"(?:the\s+)?)?(?:senate|parliament|house|assembly|congress|diet|lower\s+house|upper\s+house)\b|"
                     r"\bamendments?\s+passed\s+on\b|\bvoted\s+(?:through\s+)?the\s+amendments?\b|"
                     # "The House has passed H.R. 4402 by 256 votes to 160": a bill of Congress by its number
                     r"\bpassed\s+(?-i:H\.\s?R\.|S\.)\s?\d{1,5}\b|"
                     # "Bill C-34, overhauling national-security screening of foreign investment, receives royal
                     # assent": a law made (a Commonwealth parliament's last step)
                     r"\b(?:receiv\w*|given|granted|gets|got)\s+royal\s+assent\b|"
                     # "subsidies to companies that cut their use of rare earths": a programme for firms at large
                     rf"\bsubsid(?:y|ies)\s+(?:for|to)\s+{_ANY_FIRMS}|"
                     r"\b(?:impos\w+|declar\w+|announc\w+|introduc\w+)\s+(?:a\s+)?(?:[\w\-]+\s+){0,3}moratorium\b|"
                     r"\bexempt(?:ion)?\s+from\s+(?:[\w\-]+\s+){0,2}(?:income\s+)?tax(?:es)?\b|"
                     # "a new 30% Critical Mineral Exploration Tax Credit", "an exploration incentive programme"
                     r"\btax\s+credits?\b|\b(?:incentive|support|subsidy)\s+(?:programmes?|programs?|schemes?)\b|"
                     # "voted to ban the prospecting, exploration and mining of uranium", "outlaws uranium mining": a
                     # law on what may be mined, a mining policy (a halt ordered at a mine is a disruption)
                     r"\b(?:ban(?:s|ned|ning)?|prohibit\w*|outlaw\w*)\s+(?:the\s+|all\s+|new\s+)?(?:(?!holders|compan|"
                     r"firms|miners)[\w\-]+,?\s+){0,4}?(?:mining|prospecting|exploration|extraction)\b(?!\s+(?:compan\w*|"
                     r"firms?|equipment|products|business|permits?|licen\w*|rights)\b)"),
    # an investment screened out: "prohibited the sale of Elmos Semiconductor's wafer fab ... to Silex", "barred the
    # takeover of ERS Electronic", "ordered three Chinese companies to divest their stakes" (a state's policy on who
    # owns its plants and mines: a strategy, as the annotators call it; not "blocked the sale of chips to China", a
    # control, nor "an order ... gave the company 90 days to divest", a noun told as background)
    ("strategy", "screening", r"\b(?:prohibit|block|barr|bars?\b|veto|reject)\w*\s+(?:the\s+|a\s+|an\s+)?(?:planned\s+|"
                     r"proposed\s+)?(?:(?:[\w\-'’.]+\s+){0,3}?(?:(?:takeover|acquisition|buyout|purchase)s?\s+of|"
                     r"bids?\s+for)\b|"
                     # "has effectively blocked a Chinese state-owned company's $26.5 million investment in Nevada
                     # gold miner Firstgold Corp"
                     r"(?:[\w\-'’.$]+\s+){0,6}?(?:investment|stake)\s+in\b)|"
                     r"\b(?:prohibit|block|barr|bars?\b|veto)\w*\s+(?:the\s+)?sale\s+of\s+(?:[\w\-'’.]+\s+){0,5}?"
                     r"(?:stakes?|shares|holdings?|units?|fabs?|plants?|business(?:es)?|subsidiar(?:y|ies)|"
                     r"compan(?:y|ies)|operations|mines?)\b|"
                     # "rejected the sale of TMAC Resources, owner of ...", "prohibited Singapore-based Broadcom from
                     # taking over U.S. chipmaker Qualcomm": a company named, sold or taken over
                     r"\b(?:prohibit|block|barr|veto|reject)\w*\s+(?:the\s+)?(?:proposed\s+|planned\s+)?sale\s+of\s+"
                     r"(?-i:[A-Z][\w\-&]*)(?:\s+(?-i:[A-Z][\w\-&.]*)){0,3}\s*(?:,|to\b)|"
                     # ("bars Austroid Corporation from acquiring", "to stop Zhejiang Jingsheng Mechanical & Electrical
                     # from buying")
                     r"\b(?:prohibit|block|barr|bars?\b|bann?|stopp?)\w*\s+(?:[\w\-'’.&]+\s+){1,6}?from\s+(?:taking\s+"
                     r"over|acquiring|buying|purchasing)\b|"
                     # "barred China's Yuxiao Fund, the largest shareholder in Northern Minerals, from lifting its
                     # holding", "refused to let China Minmetals take over OZ Minerals' Prominent Hill mine"
                     r"\b(?:prohibit|block|barr|bann?|stopp?)\w*\s+(?:[\w\-'’.,]+\s+){1,10}?from\s+(?:lifting|"
                     r"raising|increasing|doubling)\s+(?:its\s+|their\s+)?(?:[\w\-]+\s+)?(?:stake|holding|shareholding)s?\b|"
                     r"\brefus\w*\s+to\s+(?:let|allow)\s+(?:[\w\-'’.]+\s+){1,4}?(?:take\s+over|acquire|buy|"
                     r"purchase)\b|"
                     # ("Indonesia orders foreign miners to cede 51% to Indonesian owners": a rule on who owns)
                     r"\border(?:s|ed|ing)\s+(?:[\w\-'’.,]+\s+){1,18}?to\s+(?:divest|sell\s+(?:down\s+)?(?:its|their|"
                     r"at\s+least|all|some|the)\b|cede\s+(?:at\s+least\s+|a\s+)?\d)|"
                     # a deal given up after a screening: "scrapped the planned sale of an 80.1% stake in Lumileds ...
                     # after CFIUS declined to clear the transaction", "has given up its takeover of Siltronic after
                     # Germany's economy ministry failed to clear the deal", "abandoned its plan to take control of"
                     r"\b(?:scrap(?:s|ped)?|abandon(?:s|ed)?|dropp?(?:s|ed)?|call(?:s|ed)?\s+off|terminat(?:es|ed)|"
                     r"withdr[ae]w|withdrawn|giv(?:es|en)\s+up|gave\s+up)\s+(?:the\s+|its\s+|their\s+)?(?:planned\s+|"
                     r"proposed\s+)?(?:[\w\-'’.$€£%,()]+\s+){0,6}?(?:sale|takeover|acquisition|purchase|bid|buyout|stake|"
                     r"investment|plan\s+to\s+"
                     r"take\s+control)\b(?=(?:[^.]|\.\d){0,240}\b(?:CFIUS|FIRB|(?:declin|fail|refus)\w*\s+to\s+(?:clear|approve)|"
                     r"clearance|screening|national[\s\-]security|foreign\s+investment)\b)"),
    ("trade_agreement", "", r"\b(?:trade|tariff|commercial)\s+(?:deal|agreement|framework|pact|truce)s?\b|"
                            # "directing the U.S. Trade Representative to withdraw the United States from the
                            # Trans-Pacific Partnership": a party leaving a trade pact
                            r"\bwithdr(?:aw|ew|awn|aws|awing|awal)\s+(?:of\s+)?(?:[\w\-.]+\s+){0,4}?(?:from|as\s+(?:a\s+)?"
                            r"(?:signatory|party|member)\s+(?:to|of))\s+(?:the\s+)?"
                            r"(?:[\w\-]+\s+){0,4}?(?:(?-i:Partnership|Agreement)|FTA|free[\s\-]trade\s+agreement|"
                            r"trade\s+(?:deal|agreement|pact))\b|"
                            r"\bfree[\s\-]trade\s+(?:area|zone)s?\b|\b(?:economic|trade\s+and\s+economic)\s+"
                            r"partnership\s+agreements?\b|\bRegional\s+Comprehensive\s+Economic\s+Partnership\b|"
                            r"\bdeal\b(?=[^.]{0,40}\btariffs?\b)|"
                            r"\b(?:join(?:s|ed|ing)?|accession\s+to|acced(?:e|es|ed)\s+to)\s+(?:the\s+)?(?:CPTPP|RCEP|"
                            r"Comprehensive\s+and\s+Progressive|Regional\s+Comprehensive)\b|"
                            r"\bagreement\s+with\s+(?:[\w\-]+\s+){1,3}(?:took|takes|take)\s+effect\b|"
                            r"\b(?:deal|agreement|pact|fta)\s+with\s+[A-Z][\w\-]+,[^.;]{0,50},\s+(?:also\s+)?"
                            r"(?:came|comes|entered|enters)\s+into\s+force\b|"
                            r"\btrade\s+and\s+cooperation\s+agreement\b|"
                            # "Kazakhstan formally became the 162nd member of the World Trade Organization"
                            r"\b(?:became|becomes|become)\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?member\s+of\s+the\s+"
                            r"(?:World\s+Trade\s+Organi[sz]ation|WTO)\b|"
                            # "concluded political negotiations ... to modernise their Global Agreement", "wrap up
                            # free trade talks"
                            r"\bconclusion\s+of\s+(?:the\s+|their\s+)?(?:[\w\-]+\s+)?(?:negotiations|talks)\b|"
                            r"\b(?:conclud(?:e|es|ed|ing)|wrap(?:s|ped|ping)?\s+up|clos(?:e|es|ed|ing))\s+"
                            # (not before the pact's name, "on the Regional Comprehensive ...": the name is the trigger)
                            r"(?:the\s+|their\s+|political\s+|formal\s+|free\s+trade\s+|trade\s+)*(?:negotiations|talks)\b"
                            r"(?!\s+(?:on|for|over)\s+(?:the\s+)?(?-i:[A-Z][\w\-]*\s+[A-Z]))|"
                            # "the China-Ecuador agreement came into force", "The Serbian deal was signed in Beijing"
                            r"\b(?:deal|agreement|pact|fta)s?\s+(?:[\w\-]+\s+){0,2}(?:(?:came|comes|come|entered|enters|"
                            r"enter)\s+into\s+force|(?:took|takes)\s+effect|(?:was|were)\s+signed)\b|"
                            # "The Comprehensive Economic Cooperation Agreement (CECA) between India and Malaysia will
                            # come into force from tomorrow", "The CPTPP enters into force for Malaysia on Tuesday"
                            # (not a "nuclear cooperation agreement": a cooperation; an "Economic Cooperation
                            # Agreement" is a pact)
                            r"\b(?<!(?<!economic\s)cooperation\s)(?:agreement|cptpp|rcep|usmca|afcfta|cepa|ceca|fta)\s+"
                            r"(?:\(\w+\)\s+)?(?:between\s+"
                            r"(?:[\w\-]+\s+){1,4})?(?:will\s+)?(?:enters?|entered|comes?|came)\s+into\s+force\b|"
                            r"\b(?:begin|began|begun|launch\w*|open\w*|start\w*|relaunch\w*)\s+(?:formal\s+)?"
                            r"(?:negotiations|talks)\s+(?:on|for|towards?)\s+(?:a|an)\s+(?:[\w\-]+\s+){0,4}"
                            r"(?:agreement|deal|pact|(?-i:Partnership))\b|"
                            r"(?<!supply )(?<!offtake )(?<!loan )(?:\b(?:reach|reached|seal|sealed|sign|signed|agreed|"
                            r"strike|struck|clinch|clinched|announce|announced)\s+(?:a|an|the)\s+(?:\w+\s+){0,3}"
                            r"(?:deal|agreement|framework|pact))\b(?!\s+(?:to\s+supply|for\s+the\s+supply))"
                            r"(?<!supply\sagreement)(?<!offtake\sagreement)(?<!off-take\sagreement)(?<!supply\sdeal)"
                            r"(?<!offtake\sdeal)|\bagree[ds]?\s+(?:\w+\s+){0,3}to\s+(?:cut|slash|lower|reduce|remove|"
                            r"scrap|eliminate|suspend|pause|roll\s+back|replace)\b(?=\s+(?:[\w%$.\-]+\s+){0,5}(?:tariffs?|duties|"
                            r"levies)\b)"),
    # ("a separate memorandum on cooperation in critical minerals", "a mineral resources cooperation memorandum": the
    # memorandum told the other way round, twenty-sixth pass)
    ("cooperation", "", r"\bmemorand(?:ums?|a)\s+on\s+(?:[\w\-]+\s+){0,2}cooperation\b|"
                        r"\bcooperation\s+memorand(?:ums?|a)\b|"
                        r"\b(?:launch\w*|announc\w*|unveil\w*|establish\w*|set\s+up)\s+(?:a\s+|an\s+|the\s+)?"
                        r"(?:[\w\-.]+\s+){0,4}initiative\b|\b2\s*\+\s*2\b|\btwo[\s\-]plus[\s\-]two\b|\b(?:strategic\s+)?partnership\b|"
                        r"\bmemorand(?:ums?|a)\s+of\s+(?:understanding|cooperation)\b|\bMoU\b|\bcooperation\s+"
                        r"(?:framework|agreement|pact|plan|mechanism|dialogue)\b|\bagree[ds]?\s+to\s+cooperate\b|"
                        r"\bjoint\s+statement\b|\bsign\w*\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}(?:memorand(?:ums?|a)|accord)\b|"
                        r"\b(?:letters?|declarations?)\s+of\s+intent\b|\b(?:minerals?|critical[\s\-]minerals?|supply[\s\-]chains?|energy|economic|"
                        r"strategic|policy)\s+dialogue\b|\bcompact\b|\badministrative\s+arrangement\b|\bpartnership\s+agreement\b|\bmemorand(?:ums?|a)\s+of\s+cooperation\b|\b(?:minerals?|supply[\s\-]chains?|production|competitiveness)\s+alliance\b|\b(?:minerals?|supply[\s\-]chains?|critical[\s\-]minerals?)\s+initiative\b"),
    # a cooperation told by its verb ("agreed to work together", "signed a critical minerals MoU"): a pattern of its
    # own after the first, so that where both match a memorandum's name ("Memorandum of Understanding"), not "sign",
    # is the trigger
    ("cooperation", "", r"\b(?:agreed|agree|agreeing|agrees)\s+to\s+(?:work\s+together|collaborate|coordinate|"
                        r"keep\s+sharing)\b|\breaffirm\w*\s+(?:their\s+|its\s+)?commitment\s+to\s+(?:work\s+together|"
                        r"cooperat\w+|co-operat\w+|collaborat\w+)\b|"
                        r"\breach\w*\s+(?:an\s+)?agreement\s+on\s+how\s+(?:[\w\-]+\s+){0,4}(?:will\s+)?(?:cooperate|"
                        r"co-operate|work\s+together)\b|"
                        r"\bsign\w*\s+(?:the\s+)?(?-i:[A-Z][\w\-'’]*\s+){1,4}Declaration\b|"
                        # a standing body of several governments set up ("set up an EU-US Trade and Technology
                        # Council", "established the Africa Minerals Strategy Group"): their cooperation (the
                        # trigger's test asks for two parties)
                        r"\b(?:set(?:s|ting)?\s+up|launch\w*|establish\w*|unveil\w*|inaugurat\w*)\s+(?:a\s+|an\s+|the\s+)?"
                        r"(?:new\s+)?(?-i:(?:(?:[A-Z][\w\-–'’]*|and|on|for|of|in)\s+){1,7}(?:Council|Forum|Platform|"
                        r"Group|Mechanism|Club|Network|Coalition|Taskforce|Task\s+Force))\b|"
                        # "Leaders endorsed a G20 Critical Minerals Framework", "endorse joint principles for clean
                        # energy supply chains", "adopted the ASEAN Leaders' Declaration on ...": what leaders of
                        # several governments agree together (one government's plan adopted stays a strategy)
                        r"\bendors\w*\s+(?:a\s+|an\s+|the\s+|their\s+)?(?:joint\s+|new\s+)?(?:[\w\-'’\"]+\s+){0,5}?"
                        r"(?:principles|framework|declaration|vision|road\s*map|roadmap|statement)\b|"
                        r"\badopt\w*\s+(?:a\s+|an\s+|the\s+)?(?:joint\s+)?(?-i:(?:[A-Z][\w\-'’]*\s+){1,5})Declaration\b|"
                        r"\bsign\w*\s+(?:[\w\-]+\s+){0,3}(?:memorandum|MoU)\b|"
                        r"\bjoint\s+(?:study|studies|mapping|research|survey)\b|"
                        # "The Australia-United States Taskforce on Critical Minerals held its inaugural meeting"
                        r"\b(?:held|holds|hold)\s+(?:its|their)\s+(?:first|inaugural|first-ever)\s+(?:[\w\-]+\s+)?"
                        r"(?:meeting|session)\b"),
    ("project", "", r"\bconditional\s+commitment\b|\bapprov(?:ed|es)\s+the\s+setting\s+up\s+of\b|"
                    # "Amara Raja broke ground on May 6 on its cell and battery pack complex"
                    r"\b(?:broke|breaks|break|breaking)\s+ground\b|\bground[\s\-]?breaking\s+ceremony\b|"
                    r"\bdecided\s+to\s+build\b|\bloan\s+of\s+(?:up\s+to\s+|about\s+)?(?:US|A|C)?\$|"
                    r"\b(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing))\s+(?:[\w\-.%'’,]+\s+){1,10}"
                    r"for\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+)?(?:US|A|C)?\$|"
                    r"\bselect(?:s|ed|ing)?\s+(?:[\w\-.]+\s+){1,4}as\s+(?:its\s+)?(?:operating\s+|strategic\s+)?partner\b|"
                    r"\b(?:separation|recycling|refining|processing|magnet|smelting)?\s*(?:plant|refinery|mine|"
                    r"facility|smelter|hub|fab|gigafactory|factory|factories|strategic\s+projects?|projects?)s?\b(?!\s+(?:ministry|minister|department|"
                    r"regulator|authority|agency|sector|industry|law|code|act)\b)"
                    # a financing facility lends money; it is no site
                    r"(?<!financing\sfacility)(?<!credit\sfacility)(?<!loan\sfacility)(?<!lending\sfacility)"
                    r"(?<!funding\sfacility)|\bexpand\w*\s+(?:\w+\s+){0,2}"
                    r"production\b|\b(?:begun|began|begins|started|starts)\s+operating\b|"
                    r"\bfinali[sz]e[sd]?\s+(?:an?\s+)?(?:award|grant)\b|\b(?:award|grant)\s+of\s+up\s+to\b|"
                    r"\b(?:begun|began|begins|started|starts|start\s+of|launch(?:ed)?|commenc\w+)\s+(?:of\s+)?"
                    r"(?:commercial\s+|first\s+|full\s+|trial\s+|commercial-scale\s+)?(?:[\w\-]+\s+){0,3}?"
                    r"(?:production|operations|output)\b|"
                    # a restart is a project's (re)start (annotation guide: "A restart or first production")
                    r"\b(?:restart(?:s|ed|ing)?|resum(?:e|es|ed|ing))\s+(?:the\s+|its\s+|their\s+)?(?:commercial\s+|"
                    r"full\s+)?(?:[\w\-]+\s+){0,2}(?:production|operations|output)\b|"
                    # "its production lines are all running again"
                    r"\b(?:lines?|plants?|furnaces?|mills?|units?)\s+(?:are|is|were|was)\s+(?:all\s+|now\s+|fully\s+)?"
                    r"(?:running|operating|producing)\s+(?:normally\s+)?again\b|"
                    # "has signed financing facilities totalling $400 million with ... BNI": a project's debt
                    r"\bsign\w*\s+(?:[\w\-]+\s+){0,2}(?:financing|loan|credit|debt)(?=\s+(?:facilities|facility|"
                    r"agreements?)\b)|\b(?:production|operations|"
                    r"output)\s+(?:[\w\-]+\s+){0,6}(?:has|have|had)\s+(?:now\s+)?(?:restarted|resumed)\b|"
                    r"\bequity\s+(?:injection|investment|financing)\b|\bnationali[sz](?:e|es|ed|ing)(?=\s+(?-i:[A-Z]))|"
                    r"\bawarded\s+(?:about\s+|up\s+to\s+|nearly\s+)?(?:US|A|C)?\$\s?[\d.,]+\s*(?:million|billion|bn|m)\s+to\b|"
                    r"\b(?:won|wins|win|secured|secures|received|receives|(?:will\s+)?receive|gets|got)\s+"
                    r"(?:about\s+|up\s+to\s+|nearly\s+|another\s+)?"
                    r"(?:US|A|C)?\$\s?[\d.,]+\s*(?:million|billion|bn|m)\b(?=[^.]{0,80}\bfrom\b)|"
                    # (subsidies to companies at large are a programme: `_ANY_FIRMS`, a strategy)
                    rf"\bsubsid(?:y|ies)\s+(?:for|to)\b(?!\s+{_ANY_FIRMS})|"
                    # "Ottawa is contributing US$3.6 million to Lomiko": a government's money for a company's project
                    r"\bcontribut(?:es|ed|ing)\s+(?:about\s+|up\s+to\s+|nearly\s+|another\s+)?(?:US|A|C)?\$\s?[\d.,]+\s*"
                    r"(?:million|billion|bn|m)\s+(?:[\w\-]+\s+){0,3}to\b|"
                    r"\bproduced\s+(?:its\s+|their\s+|the\s+)?first\b|"
                    r"\breturn(?:s|ed|ing)?\s+(?:[\w\-]+\s+){0,6}?to\s+(?:full\s+|commercial\s+)?production\b|\bfirst\s+(?:[\w\-]+\s+)?(?:ore|concentrate|metal|"
                    r"oxide|cathode|production|output)\b|\bdevelop\w*\s+(?:[\w\-]+\s+){0,4}deposits?\b|"
                    r"\b(?:restart(?:s|ed|ing)?|resum(?:e|es|ed|ing))\s+(?:the\s+)?construction\b|"
                    # "has restarted its Kofu factory", "held a ceremony ... to mark the completion of M15, its new
                    # NAND flash memory plant"
                    r"\b(?:restart|reopen|re-open)(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-'’]+\s+){0,3}"
                    r"(?:plant|factory|fab|mine|smelter|refinery|mill)s?\b|"
                    r"\bcompletion\s+of\s+(?:[\w\-'’,]+\s+){0,8}(?:plant|factory|fab|mine|smelter|refinery|"
                    r"gigafactory)s?\b|"
                    r"\bapprov(?:ed|es)\s+(?:the\s+)?construction\s+of\b|"
                    r"\$\s?[\d.,]+\s*(?:million|billion|bn|m)\s+(?:[\w\-]+\s+)?loan\b|"
                    r"\b(?:purchase|acquisition|sale)\s+of\s+(?:a|an)\s+(?:[\w%.\-]+\s+){0,3}stake\b|"
                    r"\b(?:take|takes|took|taking|acquire[sd]?|acquiring|buy|buys|bought)\s+(?:a|an)\s+"
                    r"(?:[\w%.\-]+\s+){0,3}stake\b|"
                    r"\b(?:take|takes|took|taking|acquire[sd]?|acquiring|buy|buys|bought|sell|sells|sold|selling)\s+"
                    r"(?:a\s+|an\s+|its\s+|their\s+)?(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|some\s+|"
                    r"just\s+(?:over|under)\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent)\s+(?:stake\s+|interest\s+|"
                    r"holding\s+)?(?:of|in)\b|"
                    r"\bgrant(?:s|ed|ing)?\s+(?:[\w\-]+\s+){0,3}(?:exploration|mining|prospecting)\s+(?:permits?|"
                    r"licen[cs]es?|rights|concessions?)\b|"
                    r"\b(?:handed\s+over|issued)\s+(?:[\w\-]+\s+){0,3}(?:mining|exploration)\s+licen[cs]e\b|"
                    r"\bawarded\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}(?:deposit|concession|block)\s+to\b|"
                    r"\b(?:agreed\s+to\s+lend|lend(?:s|ing)?\s+up\s+to)\b|"
                    r"\binvest\w*\s+(?:US|A|C)?\$\s?[\d.,]+\s*(?:million|billion|bn|m)\s+in\s+(?:preferred\s+)?equity\b|"
                    # a sum to be invested: "will invest more than RM30 billion (about US$7 billion) ... to expand its
                    # operations in Penang", "a plan to invest about 7.2 trillion won" (not "Chinese firms have
                    # invested US$1.4 billion in Zimbabwe's lithium sector": a total so far)
                    r"\b(?:(?:will|to|would|shall)\s+(?:also\s+|now\s+|further\s+)?invest|invests)\s+(?:more\s+than\s+|"
                    r"over\s+|about\s+|around\s+|up\s+to\s+|nearly\s+|some\s+|roughly\s+|another\s+|"
                    r"an\s+(?:additional|extra|estimated)\s+)?(?:(?:(?:US|A|C|NZ|HK|S|R)?\$|€|£|¥|RM|Rs\.?|EUR\s|USD\s)\s?"
                    r"[\d.,]+\s*(?:million|billion|bn|trillion|m)\b|[\d.,]+\s*(?:million|billion|trillion)\s+(?:won|yen|yuan|"
                    r"euros?|dollars|pesos|rupees|ringgit|rand|reais)\b)|"
                    # "officially opened the $4 billion expansion of its Singapore manufacturing campus", "will
                    # immediately resume work on the A$400 million underground expansion of its Ernest Henry mine"
                    r"\b(?:open|inaugurat|unveil|complet|resum\w*\s+work\s+on)\w*\s+(?:the\s+|its\s+|their\s+|an?\s+)?"
                    r"(?:[\w\-$.,]+\s+){0,3}expansion\b|"
                    # a supply agreement is a project's (annotation guide): "signed a binding agreement to supply
                    # Tesla", "entered into a long-term revolving agreement for the supply of cobalt hydroxide" (not
                    # "sold to Piedmont Lithium under the offtake agreement": one told before)
                    + SUPPLY_AGREEMENT + r"|"
                    # "has acquired CNGR's 60% stake": a stake named by its owner
                    r"\b(?:take|takes|took|taking|acquire[sd]?|acquiring|buy|buys|bought)\s+(?-i:[A-Z][\w\-&.]*)['’]s\s+"
                    r"(?:[\w%.\-]+\s+){0,3}stake\b"),
]
# the patterns in lower case, run on the lower-cased text without re.I (several times faster: `lowered.py`), but for
# their branches that read case ("(?-i:[A-Z]...)", a proper name); `TRIGGER_RX` holds each whole pattern with re.I
LOWERED_RX = [Lowered(p) for _k, _s, p in TRIGGERS]
TRIGGER_RX = [(k, s, lowered.full) for (k, s, _p), lowered in zip(TRIGGERS, LOWERED_RX, strict=True)]
# For each trigger pattern, words one of which lies inside any match of it (a superset test, much cheaper than the
# pattern): the whole text is scanned for these once, and a pattern is tried only in the sentences they touch.
TRIGGER_GATES = [re.compile(g) for g in (  # matched on the lower-cased text: literal branches scan fast
    r"halt|stop|suspend|idl|shut|paus|cut|closure|hit|disrupt|build|construction|majeure|closed|dried|ceased|drop|"
    r"no\s+longer|dissolv|minimi|slip|"
    r"maintenance|mothball|postpon|delay|flood|clos|expansion|pushed|on\s+ice|reduc|curtail|strike|walk|kep|adjust|"
    r"administration|receivership|liquidation|insolvency|bankruptcy|chapter|ration|scal|revok|withdr|cease|operating|fire|cancel|"
    r"annul|freez|froze|strip|order|ahead|scrap|shelv|abandon|switch|turn|quash|vacat|defer|"
    r"idle|blaze|explosion|blast|outage|blackout|quake|landslide|cyclone|typhoon|stoppage|blockade|lockout|protest|offline|lock|cyber|ransomware|standstill",
    # new_source
    r"import|shipment|cargo|taking|buying|receiving|sourcing|first|maiden|shipping|deposit|resource|reserves|discover|"
    r"found|finds",
    r"control|restriction|curb|licen|ban|hold|diffusion",  # suspension
    r"export",  # an export tax lifted
    r"export",  # tax
    r"quota|export|exceed",  # quota
    r"import|order|ban|restrict|border",  # import_ban
    r"export|shipment|sale|ban|bar|no\s+longer|prohibit|embargo|supply|approving|issuing|granting",  # ban
    r"export|ship|sales|licen|permi|approval|curb|restriction|control|stricter|tighter|sold|list|authori|"
    r"allow|validated|dual",  # licence
    r"dut(?:y|ies)|levy|levies|tax|royalt",  # a charge on mining
    r"investigation|probe",  # investigation
    r"tariff|levy|levies|duty|duties|reciprocal|surtax|surcharge|tax|safeguard|countermeasure|quota|dumping|subsid|"
    r"countervailing|circumvention|defen[cs]e|fair\s+value|measures|injury|exempt|sanction|order|preferen",  # tariff
    r"import",  # import licence
    r"action|strateg|roadmap|act\b|plan\b|law\b|designat|diversify|stockpile|mission|program|reserve|fund|"
    r"regulations|package|scheme|list|executive|credit|bill|nam|emergency|catalog|inventory|declar|deemed|"
    r"considered|classed|classified|identified|code\b|budget|aside|charter|royalt|amend|revis|facility|passed|"
    r"moratorium|exempt|mining|prospecting|exploration|extraction|blueprint|corporation|company|corp|investment|"
    r"fdi|assent|subsid",  # strategy
    r"takeover|acquisition|investment|buyout|purchase|sale|divest|sell|taking\s+over|take\s+over|acquir|buy|stake|holding|cede|"
    r"bid|take\s+control",  # investment screened out
    r"deal|agreement|framework|pact|truce|agree|join|accession|acced|free|regional|fta|negotiations|talks|cptpp|rcep|"
    r"usmca|cepa|ceca|member|withdr",  # deals
    r"2\s*\+|two[\s\-]plus|partnership|memorand|mou\b|cooperat|joint\s+statement|initiative|accord|intent|"
    r"alliance|compact|arrangement|dialogue",  # cooperation
    r"agree|reaffirm|declaration|memorandum|mou|joint|meeting|session|endors|council|forum|platform|group|"
    r"mechanism|club|network|coalition|task",  # cooperation: agreed, signed, endorsed, a body set up
    r"plant|refiner|mine|facilit|smelter|hub|fab|gigafactory|project|production|operations|output|stake|equity|"
    r"subsid|first|factor|%|per\s*cent|percent|operating|award|grant|deposit|construction|loan|commitment|"
    r"acquir|buy|bought|purchas|select|acquisition|sale|nationali|won|win|secure|receive|gets|got|contribut|handed|"
    r"issued|lend|setting|decided|invest|expansion|supply|offtake|off-take|agreement|again|financ|ground",  # project
)]
assert len(TRIGGER_GATES) == len(TRIGGER_RX)
