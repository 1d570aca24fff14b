# Regie: coordination and central direction as a factor -- (lack of)
# central steering or direction, fragmentation, organisations or ministries
# working past each other, reinventing the wheel, standardisation and
# interoperability across organisations, shared / common / national
# infrastructure and platforms, central support (funding included) from the
# national government or umbrella bodies (VNG, Logius, Forum Standaardisatie).
# Implements lexicons/CODEBOOK.md, section "regie".
#
# "Standaard" is the theme when standards are set, agreed or adopted across
# organisations, not when a text names the standard some tool follows or
# uses the word for "usual": it weighs 1 and needs a second sign of
# coordination (agreements, reuse, government-wide, interoperability).
%key regie
%label Gebrek aan samenhang, regie; gebrek aan centrale ondersteuning
%description Geen centrale regie, sturing of standaardisatie; versnippering en ieder voor zich; systemen en organisaties die niet op elkaar aansluiten; gedeelde voorzieningen, afspraken en standaarden; te weinig centrale ondersteuning.
%min-score 2

%group overheid =overheid overheden overheids* organisaties =gemeenten =ministeries overheidsorganisaties =keten =ketens ketenpartners
%group vaststellen =zetten neerzetten =zet vaststell* =vastgesteld opstellen =opgesteld =leven =kiezen =keuze toepasbaar* adoptie adopteren =geadopteerd verplicht* =invoeren =ingevoerd
%group centrum =rijk rijksoverheid rijksbreed ministerie* kabinet =bzk =vng =logius centraal centrale nationaal nationale landelijk* federaal federale overheidsbre* =overheid
%group systeem systeem systemen oplossing* applicatie* programma* pakket* platform* voorziening* organisaties overheden gemeenten
%group organisaties organisaties overheden =gemeenten =ministeries departementen administraties instellingen overheidsdiensten =diensten fod's =fods =gewesten deelstaten =gemeenschappen =partijen ketenpartners =partners =bestuurslagen
%group techniek linter* checker* validator* implementat* =geimplementeerd =implementeren =json geojson endpoint* =schema library =libraries framework* plugin* =parser =client =server =code
%group nlgov nl-gov* nlgov*
%group ieder =alle =elke =iedere =ieder
%group samen samen samenwerk* gezamenlijk* gemeenschappelijk* gedeeld* =delen hergebruik* herbruikba* overheidsbre* =afspraken =afspraak =afgesproken

# direction and coordination themselves
regie*                        weight=3       # regie, regierol, regievoering
!regiem*                                     # Belgian for regime (een fiscaal regiem)
!regierung*                                  # German
coordin*                      weight=2       # coördinatie (diacritics are folded)
!coordinatieorgaan*                          # the name of a body
samenhang                     weight=2
versnipper*                   weight=2
fragment*                     weight=2
sturing                       weight=1.5
aansturing                    weight=1.5     # not split (aan- is a particle)
verkoker*                     weight=2       # verkokering: each organisation in its own column
versplinter*                  weight=2
wildgroei                     weight=2
silo*                         weight=1.5     # in silo's werken
"dubbel werk"                 weight=1.5
centralis*                    weight=1.5     # centralisatie, centraliseren
gecentraliseerd*              weight=1.5
=gestuurd NEAR/2 @centrum     weight=1       # centraal, landelijk gestuurd; gestuurd alone is mostly "sent"
=aangestuurd                  weight=1
governance                    weight=1.5
"langs elkaar heen"           weight=2.5
"ieder voor zich"             weight=2
"elk voor zich"               weight=2
"iedereen voor zich"          weight=2
"voor zich"                   weight=1       # werken voor zich: each for itself
"heft in handen"              weight=2
=wiel                         weight=2       # het wiel (opnieuw) uitvinden
"eigen eiland"                weight=2
regisseur*                    weight=2       # the one who directs (regierol, regisseursrol)
@ieder NEAR/3 eigen           weight=1.5     # elke gemeente haar eigen systeem: each for itself
duplicatie*                   weight=1.5
dubbeling*                    weight=1.5
overkoepelend*                weight=1       # overarching: with a second sign
interbestuurlijk*             weight=2       # between the layers of government
medeoverheden                 weight=1.5
bestuurslagen                 weight=1
=bestuurslaag                 weight=1
bevoegdheidsverdeling         weight=1.5     # Belgium: competences split between levels
niemand NEAR/3 verantwoordelijk* weight=2    # nobody is responsible: no owner, no direction
eilandjes                     weight=2

# standards and interoperability across organisations
standaardis* NOT NEAR/1 =forum weight=2      # standaardisatie, standaardiseren; not the body's name alone
"forum standaardisatie"       weight=1       # the body that keeps the mandatory standards: with a second sign, like Logius
gestandaardiseerd*            weight=0.5
standaard NOT NEAR/5 @techniek weight=1      # standaard, standaarden, open standaarden; not the standard a linter, parser or library implements or checks
!"standaard ingesteld"                       # standaard meaning "by default", not a standard
!"standaard ingeschakeld"
!"standaard uitgeschakeld"
!"standaard aanwezig"
!"standaard beschikbaar"
!"standaard meegeleverd"
!"standaard geinstalleerd"
!"standaard voorzien"
standaard NEAR/5 @overheid    weight=1       # standards for government, across organisations
standaard NEAR/4 @vaststellen weight=1       # standards being set, chosen, adopted or made mandatory
standaard NEAR/4 @samen       weight=1       # common, shared, agreed standards
/pas[- ]toe[-, ]+(of )?leg[- ]uit/i weight=2 # the Forum Standaardisatie's list of mandatory standards
interoperab*                  weight=2
koppelvlak*                   weight=1.5     # an agreed interface between the systems of organisations
=stuf                         weight=1       # the municipalities' exchange standard
uitwisseling                  weight=0.5     # data-uitwisseling; with a second sign
federatie*                    weight=1       # federated: across organisations (federatief stelsel)
uniform*                      weight=1.5     # uniforme naamgeving, uniformering
eenvormig*                    weight=1.5     # Belgian for uniform
uitwisselbaar*                weight=1
compatib*                     weight=0.5     # compatibel, compatibiliteit: with a second sign
eenduidig*                    weight=1.5
consisten*                    weight=1       # consistent, consistentie
conventie*                    weight=1
"design rules"                weight=2
=adr                          weight=1.5     # the API Design Rules
@nlgov                        weight=1.5     # NL-GOV, NLGov: the Dutch government's profile of a standard
nl BEFORE/1 =gov              weight=1.5     # NL GOV
"haal centraal"               weight=1.5     # the national programme for central data APIs
openapi*                      weight=1       # a standard on the mandatory list (OAS): with a second sign
=oas                          weight=1
=ebms                         weight=1       # Digikoppeling's exchange protocol
api-register                  weight=1.5     # the national register of government APIs
"api-strategie"               weight=2
"api strategie"               weight=2
afsprakenstelsel*             weight=2
=afspraken                    weight=1
=afgesproken                  weight=1
afstemm*                      weight=1.5     # afstemming, afstemmen

# shared, common and national infrastructure
@samen NEAR/4 @systeem        weight=1
hergebruik*                   weight=1.5
herbruikba*                   weight=1.5
samenwerk*                    weight=1       # samenwerking, samenwerken, samenwerkingsakkoord
samengewerkt                  weight=1
samenwerkingsakkoord*         weight=1       # Belgian: an agreement between federal state and regions (with samenwerk*: 2)
overlegcomite                 weight=1.5     # Belgian: where federal state and regions coordinate
=overleg                      weight=0.5
gezamenlijk*                  weight=1
gemeenschappelijk*            weight=1.5
overheidsbre*                 weight=1.5     # overheidsbreed, overheidsbrede
rijksbre*                     weight=1.5
synergie*                     weight=1.5     # Belgian: synergies between services
"krachten bundelen"           weight=1.5
"shared service"              weight=1.5
"shared services"             weight=1.5
=g-cloud                      weight=1.5     # the Belgian federal government's shared cloud
consolid*                     weight=0.5     # consolidation of data centres or systems
@centrum NEAR/3 strategie     weight=1       # a federal, national or government-wide strategy
"digital belgium"             weight=1       # the Belgian federal digital agenda
"digitale agenda"             weight=1
/één overheid/i                weight=1.5     # als één overheid (the number, not the article)
basisregistratie*             weight=2       # the national key registers: shared infrastructure itself
"federatief datastelsel"      weight=1.5
stelsel                       weight=0.5
"data bij de bron"            weight=1
ketenpartner*                 weight=1.5
keten                         weight=1
=ketens                       weight=1
=logius                       weight=1.5
=vng                          weight=1.5
=geonovum                     weight=1
bouwsten*                     weight=1
landelijk*                    weight=1
centra*                       weight=0.5

# the shared building blocks of Dutch and Belgian e-government
"common ground"               weight=1.5     # VNG's architecture for municipalities
=gemma                        weight=1
=nlx                          weight=1
=fsc                          weight=1       # Federatieve Service Connectiviteit
digikoppeling                 weight=1.5
=gdi                          weight=1.5     # generieke digitale infrastructuur
generiek*                     weight=1
=digid                        weight=1
=eherkenning                  weight=1
=e-herkenning                 weight=1
mijnoverheid                  weight=1
"nl design system"            weight=1
interfederaal*                weight=1.5     # Belgium: across federal state and regions
"only once"                   weight=1.5
kruispuntbank*                weight=1.5
=smals                        weight=1.5
=fedict                       weight=1
=bosa                         weight=1
"authentieke bron"            weight=1.5
"authentieke bronnen"         weight=1.5
gegevensuitwisseling          weight=1
gegevensdeling                weight=1
datadeling                    weight=1
=nora                         weight=1.5     # the Dutch government's reference architecture
referentiearchitectu*         weight=1.5
/één (digitaal )?loket/i      weight=1.5     # one (digital) counter for all of government: the number, not the article
%group enig enig centraal
@enig BEFORE/2 loket          weight=1.5     # enig loket, centraal (digitaal) loket

# central support and direction from the centre
ondersteuning NEAR/4 @centrum weight=2
@centrum NEAR/2 infrastructu* weight=1
@centrum NEAR/2 databank*     weight=1.5     # a central or national database, shared by organisations
@centrum NEAR/2 gegevensbank* weight=1.5
@centrum NEAR/2 register*     weight=1
koppel* NEAR/4 @systeem       weight=1       # linking the systems of organisations
dezelfde NEAR/3 @systeem      weight=1       # the same systems, platforms across organisations
subsidie* NEAR/4 @centrum     weight=1       # central funding
koepel*                       weight=1       # umbrella bodies: with a second sign
=ipo                          weight=1.5     # the provinces' umbrella body, like the VNG
"unie van waterschappen"      weight=1.5
"cio rijk"                    weight=1.5     # the government-wide CIO
@centrum NEAR/3 financier*    weight=1       # central funding
=vvsg                         weight=1.5     # the Flemish association of municipalities, like the VNG
"digitaal vlaanderen"         weight=1.5
"informatie vlaanderen"       weight=1.5
=digipolis                    weight=1
directief                     weight=1
vrijblijvend*                 weight=1
=eenheid                      weight=1
aansluit*                     weight=0.5
verschillend* NEAR/3 @systeem weight=0.5
eigen NEAR/2 @systeem         weight=1
tussen BEFORE/4 @organisaties weight=1       # between organisations: the relation this theme is about
@ieder BEFORE/2 @organisaties weight=1       # alle overheden, elke gemeente: government-wide scope

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group gdibouw digilevering digipoort digimelding berichtenbox
%group befed =magda =csam =ebox =fas =ksz =kbo rijksregister* ehealth*
%group basisreg =brp =bag =bgt =brk =bri =brv =bro =nhr
%group sluitaan =sluiten =sluit =aansluiten =aansluit
%group rijksgeld gemeentefonds provinciefonds =dotatie =dotaties
%group nietketen winkelketen* supermarktketen* hotelketen* toeleveringsketen* bevoorradingsketen* voedselketen*
?*regie*  weight=2   # (lack of) central steering as a compound head: ketenregie, informatieregie, beleidsregie (regie* only sees words that begin with regie)
?*versnipper*  weight=2   # fragmentation as a compound head: ICT-versnippering, informatieversnippering
gefragmenteerd*  weight=2   # fragmentation: fragment* does not see the participle
?*coordinatie*  weight=1.5   # coordination as a compound head: beleidscoordinatie, ketencoordinatie
!=fragment   # fragment* = fragmentation, not an excerpt (een fragment uit de reportage, codefragment)
!=fragmenten   # likewise, the plural
"langs elkaar"  weight=1.5   # organisations working past each other, also without heen (langs elkaar werken)
interdepartementa*  weight=1   # between ministries: ministries working past each other or together
*overstijgend*  weight=1.5   # organisatieoverstijgend, domeinoverstijgend, gemeenteoverstijgend: across organisations
organisatieoverschrijd*  weight=1.5   # across organisations
ketensamenwerk*  weight=1.5   # cooperation between the organisations of a chain (samenwerk* misses the compound)
verbrokkel*  weight=2   # fragmentation (verbrokkeling, verbrokkeld), also Belgian usage
@tekort BEFORE/3 samenwerk*  weight=1   # lack of cooperation between organisations (with samenwerk* 1: coded)
@tekort BEFORE/3 afstemm*  weight=0.5   # lack of alignment (with afstemm* 1.5: coded)
@tekort BEFORE/3 sturing  weight=0.5   # lack of (central) steering (with sturing 1.5: coded)
@tekort BEFORE/3 standaard  weight=1   # lack of (common) standards
@tekort BEFORE/3 overleg  weight=1   # no consultation between governments (with =overleg 0.5)
standardi?at*  weight=2   # standardisation: the frequent misspelling standardisatie, English standardization
elkaar NEAR/3 @sluitaan  weight=1   # systems that do (not) fit together: sluiten niet op elkaar aan
eensgezind*  weight=1   # (lack of) unity among municipalities, as in the report's news item
kakofonie  weight=1.5   # Belgian: many voices, no direction
wirwar  weight=1.5   # a tangle of systems, counters, rules: fragmentation
"bestuurlijke drukte"  weight=1.5   # too many bodies and layers to coordinate
samen NEAR/3 optrek*  weight=1.5   # (samen) optrekken: acting jointly
regisser*  weight=2   # to direct: regisseren (regie* misses the verb)
"once only"  weight=1.5   # the EU once-only principle (the file has only "only once")
=once-only  weight=1.5   # the hyphenated form
"generieke voorzieningen"  weight=1   # shared generic infrastructure (with generiek* 1, coded)
@centrum NEAR/2 voorziening*  weight=1   # central, national, government-wide facilities
bouwblok*  weight=1   # Belgian for bouwsteen: shared building blocks
@gdibouw  weight=1   # the generic digital infrastructure (GDI) building blocks
=mido  weight=1.5   # the central programming and steering of the GDI
digicommissaris  weight=1.5   # the national commissioner for digital government (named in the report)
@befed  weight=1   # Belgian shared e-government infrastructure: MAGDA, CSAM, eBox, FAS, Kruispuntbank, Rijksregister, eHealth
dienstenintegrator*  weight=1.5   # Belgian: the federal (or Flemish) service integrator, shared by all administrations
@basisreg  weight=1   # the Dutch key registers (BRP, BAG, BGT, BRK ...): shared national infrastructure, with a second sign
@rijksgeld  weight=1   # central funding: Gemeentefonds, Belgian dotaties
@centrum NEAR/3 middelen  weight=1   # central funding: middelen van het Rijk, federale middelen
!"spreekt voor zich"   # "voor zich" = self-evident, not each for itself
!"in samenhang met"   # "in conjunction with", not coherence
!=uniformen   # police uniforms, not uniformity
!"generieke geneesmiddelen"   # generic drugs, not generic infrastructure
!vliegwiel*   # flywheel (a policy metaphor), not reinventing the wheel
!"russische federatie"   # the state, not a federated system
!"landelijk gebied"   # rural area (Belgian landelijk = rural)
!@nietketen   # retail, hotel, supply and food chains, not a chain of government organisations
!"gestuurd naar"   # sent to, not steered
!coordinaat*   # coordinates (geodata), not coordination
!coordinaten*
!?*wiel   # a steering or spare wheel; the wheel reinvented is =wiel itself
!?*eenheid   # a unit (munteenheid, politie-eenheid), not unity
!"eigen regie"   # in eigen regie: self-managed, the opposite of central direction

# Senses found in Dutch parliamentary and developers' prose: the meetings
# of parliament (overleg as a meeting type), "voor zich zien" (to envision),
# an organisational unit.
!"schriftelijk overleg"
!"algemeen overleg"
!notaoverleg*
!commissieoverleg*
!wetgevingsoverleg*
!"ziet voor zich"   # voor zich zien: to envision
!"zie voor zich"
!"zag voor zich"
!"zien voor zich"
!"organisatorische eenheid"
!"samenhangen met"   # to be related to, not coherence (samenhang)
!"hangt samen met"
!"samenhangend geheel"   # a definition's "coherent whole"
