# Prioriteit: priority, will and culture as a factor -- (too little)
# priority, attention, urgency, ambition or political will; commitment of
# management and politics; risk aversion, fear, resistance to change,
# inflexible organisations, conservatism; the budget and capacity an
# organisation gives digitalisation itself.
# Implements lexicons/CODEBOOK.md, section "prioriteit".
#
# Most of these words are only the theme when raised as a problem or a
# need (attention, management, risk, innovation are everywhere): such words
# weigh little alone and count fully beside a lack or problem cue. Words
# that name the theme itself (prioriteit, urgentie, politieke wil,
# weerstand, risicomijding) code alone.
%key prioriteit
%label Onvoldoende prioriteit, urgentie
%description Digitalisering krijgt te weinig prioriteit, aandacht, urgentie of budget; geen wil of commitment bij bestuur, politiek en management; weerstand tegen verandering, risicomijding, angst en een starre cultuur.
%min-score 2

%group top directie bestuur bestuurder* bestuurlijk* management* manager* politiek* politici wethouder* minister* college =raad gemeenteraad leiding* leidinggevende* =top =mt
%group middelen budget* geld =middelen financiering capaciteit investering* =investeren begroting* =kredieten mankracht menskracht personeelsinzet =tijd
%group durf durf* durv*
%group loslaten =loslaten =los =overlaten =uitbesteden =uitbesteed =overdragen
%group hechten =hechten =hecht =hechtte =gehecht
%group commitment steun* commitment engagement betrokken* draagvlak
%group steun steun* commitment betrokken* draagvlak prioriteit =wil

# priority and urgency themselves
prioriteit*                   weight=2       # also prioriteitenlijst
prioriter*                    weight=2
urgentie*                     weight=2
urgent                        weight=1
"sense of urgency"            weight=2
dringend*                     weight=1       # Belgian: dringend nood aan
voorrang                      weight=1.5     # priority; with a second sign (also right of way)
"hoge prioriteit"             weight=0.5
"geen haast"                  weight=2
@tekort BEFORE/3 prioriteit*  weight=1.5     # onvoldoende prioriteit, geen prioriteit
@tekort BEFORE/3 aandacht     weight=1.5     # te weinig aandacht, geen aandacht
focus                         weight=0.5
"ondergeschoven kindje"       weight=2       # idioms for what gets no priority
stiefmoederlijk*              weight=2
sluitpost                     weight=2
@tekort BEFORE/3 ambitie*     weight=1       # weinig ambitie, gebrek aan ambitie
@tekort BEFORE/3 @commitment  weight=1.5     # geen draagvlak, onvoldoende commitment, weinig betrokkenheid
=belang NEAR/3 @hechten       weight=1       # belang hechten aan: to give priority

# will and commitment at the top
"politieke wil"               weight=2
"bestuurlijke wil"            weight=2
"echte wil"                   weight=2
=wil NEAR/3 @top              weight=1.5
@steun NEAR/4 @top            weight=1
@tekort BEFORE/4 @top         weight=0.5
commitment                    weight=1.5
engagement                    weight=1.5     # Belgian and English for commitment
leiderschap                   weight=1.5
=mandaat                      weight=1
"op de agenda"                weight=1
"hoog op de agenda"           weight=1
"op de radar"                 weight=1
"op het netvlies"             weight=1.5
@tekort BEFORE/3 inspanning*  weight=1.5     # te weinig inspanningen
tijdgebrek                    weight=1.5
mindset                       weight=1
eigenaarschap                 weight=1
ambitie*                      weight=1

# culture: resistance, fear, rigidity
weerstand                     weight=2
veranderbereid*               weight=2
risicomijd*                   weight=2
risicoavers*                  weight=2
angst*                        weight=1.5
=bang                         weight=1.5
@durf NOT NEAR/4 @loslaten     weight=1.5     # not daring to let go or hand over is uitbesteden (CODEBOOK.md)
cultuur                       weight=1.5     # organisatiecultuur, bedrijfscultuur (head)
cultuur?*                     weight=1.5     # cultuuromslag, cultuurverandering (modifier)
mentaliteit*                  weight=1.5     # mentaliteit, mentaliteitswijziging
verander*bereid*              weight=2       # veranderingsbereidheid
onwil*                        weight=2
tegenwerk*                    weight=1.5
terughoudend*                 weight=1.5
koudwatervrees                weight=2
inertie                       weight=1.5     # organisations that do not move
stroperig*                    weight=1.5
sceptisch*                    weight=1
scepsis                       weight=1
wantrouw*                     weight=1
comfortzone                   weight=1.5
gewoonte*                     weight=1       # oude gewoonten: with a second sign
onverschillig*                weight=1.5
laksheid                      weight=1.5
@tekort BEFORE/3 interesse    weight=1.5     # weinig interesse, gebrek aan belangstelling
@tekort BEFORE/3 belangstelling weight=1.5
@tekort BEFORE/3 =inzet       weight=1.5     # te weinig inzet
@tekort BEFORE/3 visie        weight=1.5     # geen visie, gebrek aan visie
huiverig*                     weight=1.5
afwachtend*                   weight=1.5
bureaucrat*                   weight=1
conservatie*                  weight=1.5
behoudend*                    weight=1.5
=star                         weight=1.5
starheid                      weight=1.5
vastgeroest                   weight=1.5
"niet flexibel"               weight=2
=klaar BEFORE/2 =voor         weight=1       # (nog niet) klaar (is) voor
"niet klaar voor"             weight=1       # not ready for it: with the rule above, codes alone
"niet rijp voor"              weight=2
"zittend personeel"           weight=1
vergrijz*                     weight=1
tegenhoud*                    weight=1
daadkracht                    weight=1
=experimenteren               weight=1
risico* NEAR/4 @durf          weight=1

# budget and capacity an organisation gives it
=voldoende NEAR/3 @middelen   weight=1.5     # (over) voldoende middelen, capaciteit: raised as a concern
=nodige BEFORE/2 @middelen    weight=1.5     # de nodige middelen, kredieten: a need
@middelen NEAR/4 vrijgemaakt  weight=1       # budget set aside (or not) for it
@middelen NEAR/4 vrijmaken    weight=1
@middelen NEAR/4 uitgetrokken weight=1
"op de lange baan"            weight=2       # shelved: the idiom for what gets no priority
"lage prioriteit"             weight=0.5
bijzaak                       weight=1.5
"politieke aandacht"          weight=2
"bestuurlijke aandacht"       weight=2
"bestuurlijk draagvlak"       weight=2
"politiek draagvlak"          weight=2
urgentiebesef                 weight=2
@tekort NEAR/2 =wil           weight=1       # de wil ontbreekt, geen wil
=lef                          weight=1.5     # courage, like durf
@tekort NEAR/3 @middelen      weight=1.5
bezuinig*                     weight=1.5     # cuts in the budget or capacity
onderfinanci*                 weight=2
onderbezet*                   weight=1.5     # understaffed: too little capacity
onderbemand*                  weight=1.5
besparing*                    weight=1       # savings imposed on a service: with a second sign
werkdruk                      weight=1
tijdsdruk                     weight=1.5     # other things first
ondergefinancierd             weight=2
@tekort NEAR/2 =tijd          weight=1.5     # geen tijd, te weinig tijd
=investeren                   weight=0.5
speerpunt*                    weight=1.5
=belang NEAR/4 onderschat*    weight=1.5
budget*                       weight=1
investering*                  weight=0.5
verander*                     weight=0.5
risico*                       weight=0.5
voorzichtig*                  weight=1
vernieuw*                     weight=0.5

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group vrees angst* =bang bevreesd* =vrees huiverig*
%group traag =traag =trage =trager stroef* =stroeve
!"ik wil"   # the verb, not the will: ik wil de minister vragen (=wil NEAR/3 @top and @steun code the standard question opener)
!"wil de"   # the verb in a question: wil de minister meedelen; the noun is "de wil"
!"minister wil"   # the verb: de minister wil (wants to)
?*prioriteit*  weight=2   # priority: topprioriteit, beleidsprioriteit(en); prioriteit* misses compounds with a modifier
prioritai*  weight=1.5   # priority (Belgian): een prioritair dossier; prioriter* misses it; with a second sign
"op een laag pitje"  weight=2   # insufficient priority: idiom
"ondergeschoven kind"  weight=2   # insufficient priority: the stem of kindje differs, so the rule for kindje misses kind
=stiefkindje  weight=2   # insufficient priority: het stiefkindje (stiefkinderen are step-children)
"in de ijskast"  weight=1.5   # insufficient priority: shelved
ver-van-mijn-bed*  weight=2   # insufficient attention: een ver-van-mijn-bedshow
"de kat uit de boom"  weight=2   # risk aversion: de kat uit de boom kijken (wait and see)
"kop in het zand"  weight=2   # resistance / denial: idiom
struisvogel*  weight=1.5   # resistance / denial: struisvogelpolitiek
lippendienst  weight=2   # no real political will or commitment
"altijd zo gedaan"  weight=2   # conservatism: dat hebben we altijd zo gedaan
"bestuurlijke moed"  weight=2   # political will / risk aversion
"politieke moed"  weight=2   # political will
@tekort BEFORE/3 =moed  weight=1.5   # risk aversion: geen moed, gebrek aan moed
=buy-in  weight=1.5   # management commitment (English)
ambitieloos*  weight=2   # insufficient ambition
desinteresse  weight=2   # insufficient attention / will
ongeinteresseerd*  weight=1.5   # insufficient attention / will (folded ongeïnteresseerd)
risicoschuw*  weight=2   # risk aversion
risico-avers*  weight=2   # risk aversion: hyphenated form, risicoavers* misses it
@vrees NEAR/5 =fouten  weight=1   # risk aversion: bang/angst om fouten te maken
inflexib*  weight=2   # inflexible organisations
@tekort BEFORE/3 flexib*  weight=1.5   # inflexible organisations: weinig flexibel, onvoldoende flexibiliteit
@tekort BEFORE/3 wendba*  weight=1.5   # inflexible organisations: onvoldoende wendbaar(heid)
=starre  weight=1.5   # inflexible organisations: =star misses the inflected form
@traag NEAR/3 besluitvorm*  weight=1.5   # inflexible organisations: trage, stroeve besluitvorming
@tekort BEFORE/3 innovat*  weight=1.5   # conservatism: weinig innovatief, gebrek aan innovatie
@tekort BEFORE/3 motivat*  weight=1.5   # will: weinig motivatie
@tekort BEFORE/3 besef  weight=1.5   # urgency: geen besef (van de noodzaak)
onderinvest*  weight=2   # budget allocated to digitalisation: onderinvestering
?*budget*  weight=1   # budget allocated: ICT-budget, werkingsbudget, digitaliseringsbudget (budget* misses them)
budgetbeperking*  weight=1   # budget allocated: with budget* (1) codes alone
"bijkomende middelen"  weight=1   # budget / capacity needed (Belgian)
kaderuitbreiding*  weight=1   # capacity (Belgian): uitbreiding van het personeelskader
capaciteitstekort*  weight=2   # capacity allocated
capaciteitsgebrek*  weight=2   # capacity allocated
!"dringende medische hulp"   # Belgian aid to undocumented migrants, not urgency (dringend*)
!"wil ik"   # the verb: graag wil ik de minister vragen
!"wil graag"   # the verb: ik wil graag weten
verander*moe  weight=1.5   # resistance to change: verandermoe
verander*moeheid  weight=1.5   # verandermoeheid

# Senses found in Dutch parliamentary prose: culture as the arts (a
# ministry's name), the agenda of a meeting, the verb "wil" after a body
# that wants something (the noun is "de wil": politieke wil, geen wil).
!"cultuur en wetenschap"   # the ministry of Onderwijs, Cultuur en Wetenschap
!"minister van cultuur"
!"kunst en cultuur"
!cultuursector*
!cultuurhistor*
!cultuurerfgoed*
!"agenda van het"   # the agenda of a meeting (op de agenda van het overleg), not priority
!"agenda van de"
!"raad wil"   # the verb: de (gemeente)raad wil
!"kabinet wil"
!"regering wil"
!"college wil"
!"staatssecretaris wil"
@top NEAR/3 bewustzijn  weight=1   # political or administrative awareness (politiek-bestuurlijk bewustzijn), like politieke aandacht
