# Kennis: knowledge and skills as a factor -- (lack of) knowledge,
# expertise, digital skills or understanding among civil servants, ICT staff,
# managers and politicians; training and learning; finding or keeping
# qualified staff. Implements lexicons/CODEBOOK.md, section "kennis".
#
# "Kennis" codes alone, but not in the senses that are not knowledge
# (kennis nemen van, kennismaken, the names of knowledge platforms); a lack,
# a need or sharing beside it adds weight for the primary theme.
%key kennis
%label Kennis
%description Te weinig kennis, deskundigheid en digitale vaardigheden bij ambtenaren, ICT-personeel, leiding en politiek; opleiding, kennisdeling en het vinden en houden van gekwalificeerd personeel.
%min-score 2

%group delen =delen =deelt =gedeeld =uitwisselen =uitwisseling overdragen overdracht =opdoen =opgedaan =borgen =opbouwen =vergroten =ontwikkelen
%group personeel personeel personeelsleden medewerker* ambtenar* collega* ontwikkelaar* developer* ict'er* ict-er* =ict'ers specialist* =mensen =team informatici informaticus ict-personeel it-personeel ict-profiel* it-profiel* =profielen
%group bezit opgedaan opgedane toepassen toegepast =toepast benutten =benut =genomen =nemen =neemt =nam =namen   # kennis one has or applies; kennis (hebben) genomen: taking note
%group training opleid* opgeleid* vorming* training* =trainen cursus* scholing bijscholing omscholing instructie* workshop*

# knowledge, and what makes it the theme
*kennis* NOT NEAR/2 @bezit    weight=2     # kennis, kennisdeling, vakkennis; not knowledge one has or applies
!kennisgeving*                               # a notice
!kennisplatform*                             # the name of a platform
!kenniscentr*                                # a knowledge centre: an organisation, like kennisinstelling
!kennismak*                                  # getting acquainted
!"kennis maken"
!"kennis nemen"
!"kennis genomen"
!"kennis neemt"
!"kennis nam"
!"ter kennis"
!"u kennis"                                  # heeft u kennis van: are you aware of
!"kennis van zaken"                          # met kennis van zaken: knowledgeably
!"kennis stellen"                            # in kennis stellen: to inform
!"kennis gesteld"
!kennisname*                                 # Belgian: "na kennisname van", taking note
!kennisnemen                                  # written as one word in Belgian and legal Dutch
!kennisgeven
!kennisgegeven
!vaardigen                                    # (uit te) vaardigen: to issue a decree, not skills
!"kennis gekregen"                           # became aware of (news, a report)
!"federaal kenniscentrum"                    # the name of a Belgian research institute (KCE)
!kenniseconomie                              # the economy, not anyone's knowledge
!kennismaatschappij
!kennisinstelling*                           # universities and institutes as organisations
@tekort BEFORE/6 *kennis*     weight=2       # the lack of knowledge is the heart of the theme
@nodig BEFORE/5 *kennis*      weight=1       # vraagt om kennis, vereist kennis
*kennis* BEFORE/2 =nodig      weight=1       # kennis nodig
@delen NEAR/4 *kennis*        weight=1
kennisdeling                  weight=1
kennisoverdracht              weight=1
kennissessie*                 weight=1

# expertise and skills
expertise*                    weight=1.5
deskundig*                    weight=1.5
knowhow                       weight=2
vakmanschap                   weight=1.5
=know-how                     weight=2
vaardig*                      weight=2       # vaardigheden, digivaardig
digivaardig*                  weight=2
"digitale geletterdheid"      weight=2
onkunde                       weight=2
onwetendheid                  weight=2
competenti*                   weight=1.5
"omslag in denken"            weight=1.5
begrijp*                      weight=0.5
begrip                        weight=0.5
@tekort BEFORE/3 begrip       weight=1.5     # weinig begrip, gebrek aan begrip
@tekort BEFORE/3 inzicht      weight=1.5     # onvoldoende inzicht
onbekendheid                  weight=1       # unfamiliarity: with a second sign
leercurve                     weight=1.5

# training and learning
opleid*                       weight=1.5     # opleiding, opleidingen, opleiden
opgeleid*                     weight=1.5
vorming*                      weight=1       # Belgian: staff training (vorming, vormingen), but also formation: with a second sign
e-learning                    weight=1.5
leertraject*                  weight=1.5
training*                     weight=1.5
cursus*                       weight=1.5
scholing                      weight=2
bijscholing                   weight=2
omscholing                    weight=2
workshop*                     weight=1
leeromgeving                  weight=2
"van elkaar leren"            weight=1.5
=leren                        weight=0.5
instructie*                   weight=1
certificering*                weight=1
@training NEAR/6 @personeel   weight=1       # staff being trained or instructed

# finding and keeping qualified staff
gekwalificeer* NEAR/4 @personeel weight=1.5    # qualified staff; not "als een inbreuk gekwalificeerd" (classified as)
personeelstekort*             weight=2       # a shortage of staff: finding and keeping qualified staff
personeelsgebrek              weight=1.5
@tekort NEAR/4 @personeel     weight=1
arbeidsmarkt                  weight=1
vacature*                     weight=1
werving                       weight=1
aanwerv*                      weight=1       # Belgian: recruitment (aanwerving, aanwerven)
aangeworven                   weight=1
rekrut*                       weight=1       # rekrutering, rekruteren
knelpuntberoep*               weight=1.5     # Belgian: an occupation with too few candidates
@tekort NEAR/4 expert*        weight=1.5     # te weinig experts, gebrek aan expertise
@tekort NEAR/3 ervaring*      weight=1.5     # gebrek aan ervaring
gespecialiseerd* NEAR/2 @personeel weight=1
=werven                       weight=1
talent*                       weight=1
@personeel NEAR/3 behouden    weight=1       # keeping qualified staff
uitstroom                     weight=1       # staff leaving: with a second sign
coaching                      weight=1

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group vakmensen it'er* it-er* =it'ers programmeur* architect* vakmensen vaklui vakkracht* datawetenschapper* data-analist* =experten ict-specialist* it-specialist* ict-expert* it-expert*
@tekort NEAR/4 @vakmensen  weight=2   # finding qualified staff: te weinig IT'ers, programmeurs, architecten, vakkrachten (@personeel lacks these)
ondeskundig*  weight=2   # (lack of) expertise: deskundig* does not match ondeskundig(heid)
onbekwa*  weight=1.5   # (lack of) skills: onbekwaam, onbekwaamheid
@tekort BEFORE/3 verstand  weight=1.5   # (lack of) understanding: geen/weinig verstand van ICT
"know how"  weight=2   # expertise: spelling without hyphen (knowhow, know-how exist)
expertice*  weight=1.5   # expertise: common misspelling (expertise* weighs 1.5)
upskill*  weight=2   # training and learning: upskilling
reskill*  weight=2   # training and learning: reskilling, omscholing
data*geletterd*  weight=2   # digital skills: datageletterdheid, data-geletterd
navorming*  weight=1.5   # training (Belgian): navorming of staff; vorming* misses it
"permanente vorming"  weight=1   # training (Belgian): with vorming* (1) codes alone
knelpuntvacature*  weight=2   # finding qualified staff: hard-to-fill vacancies name the problem
knelpuntprofiel*  weight=1.5   # finding qualified staff: Belgian knelpuntprofielen (knelpuntberoep* misses it)
"juiste profielen"  weight=1.5   # finding qualified staff: de juiste profielen vinden (Belgian profielen)
@nodig NEAR/4 @vakmensen  weight=1   # finding qualified staff: behoefte aan, moeilijk te vinden developers, architecten
"war for talent"  weight=2   # finding and keeping qualified staff
aantrekken NEAR/4 @personeel  weight=1   # finding qualified staff: personeel aantrekken (the stem also catches aantrekkelijk)
"aantrekkelijke werkgever"  weight=1.5   # finding and keeping qualified staff
personeelsverloop  weight=1.5   # keeping qualified staff: turnover
=verloop NEAR/4 @personeel  weight=1   # keeping qualified staff: hoog verloop onder ICT'ers
braindrain  weight=2   # keeping qualified staff: losing them to the market
"brain drain"  weight=2   # keeping qualified staff, two words
onervaren*  weight=1.5   # (lack of) expertise: inexperienced staff; also users, so a second sign
onbegrip  weight=1   # (lack of) understanding among politicians, managers; also of citizens, so a second sign
@tekort BEFORE/3 bewustzijn  weight=1   # (lack of) understanding: onvoldoende (digitaal) bewustzijn
"leven lang leren"  weight=1.5   # training and learning
"lerende organisatie"  weight=1.5   # training and learning
bijspijker*  weight=1.5   # training: kennis bijspijkeren
!"minister kennis"   # heeft de minister kennis van: is the minister aware (Belgian questions)
!"minister heeft kennis"   # de minister heeft kennis van: is aware of
!"kennis te nemen"   # kennis nemen van, split form the existing veto misses
!"kennis geven"   # to notify (Belgian administrative)
!"kennis gegeven"   # idem, participle (another stem)
!kennisneming*   # na kennisneming van: taking note (kennisname* misses it)
!"vorming van de regering"   # government formation, not training (vorming*)
!trainingsdata*   # the training data of an AI model, not staff training (training*)
!expertisecentr*   # an organisation's name, like kenniscentr*

# Senses found in Dutch parliamentary and developers' prose that are not
# anyone's knowledge or skills.
!kennisgenomen   # "de leden hebben kennisgenomen van": taking note, written as one word
!kennisneemt
!kennisnam
!kennisinstitu*   # a knowledge institute as an organisation, like kennisinstelling*
!begrijpelijk*   # understandable (for citizens), not understanding (begrijp*)
!signaleren   # to notice: the compound reading signa+leren is not learning
ai-geletterd*  weight=2   # AI literacy of staff (the AI Act obliges it): AI-geletterdheid, AI-geletterd
