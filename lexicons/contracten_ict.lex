# Contracten ICT: ICT vendors and contracts as a factor -- suppliers,
# long-running contracts, outsourcing, vendor lock-in, dependence on or the
# market power of ICT companies, procurement and tenders, licences.
# Implements lexicons/CODEBOOK.md, section "contracten_ict".
#
# Words that name the supplier relation code alone (weight 2); words that
# are about ICT suppliers only beside another sign weigh 1.
%key contracten_ict
%label Outsourcing / Contracten ICT-aanbieders
%description Uitbesteding aan en afhankelijkheid van ICT-leveranciers: (langlopende) contracten, aanbestedingen en overheidsopdrachten, licenties, vendor lock-in en de macht van grote softwarebedrijven.
%min-score 2

%group leverancier *leverancier* aanbieder* ict-jongens ict-bedrij* softwarebedrij* softwarehuis* techbedrij* *bedrijven marktpartij* hyperscaler* *dienstverlener* firma* informaticafirma* it-firma* ict-firma* privebedrij* consultan* adviesbureau* integrator* =microsoft =google =amazon =oracle =sap =ibm =accenture =capgemini =atos =cegeka =realdolmen =centric =pinkroccade
%group macht macht machtig* afhankelijk* afhankelijkheid monopol* dicteren bepalen eenzijdig*
%group ict ict software* cloud* =it digita* informatica* applicatie* systeem systemen

# the suppliers and the relation with them
*leverancier*                 weight=2       # also software-, cloudleverancier, leveranciersafhankelijk
vendor*                       weight=2
=lock-in                      weight=2
"lock in"                     weight=2
hyperscaler*                  weight=2       # the big American cloud providers
cloudprovider*                weight=2
"cloud provider"              weight=2
cloudaanbieder*               weight=2
ict-aanbieder*                weight=2
softwareaanbieder*            weight=2
ict-dienstverlener*           weight=1.5
it-dienstverlener*            weight=1.5
informaticafirma*             weight=1.5     # Belgian: an IT firm
it-firma*                     weight=1.5
ict-firma*                    weight=1.5
consultan*                    weight=1       # consultants, consultancy: hired from outside
inhuur                        weight=1.5     # inhuur van externen
ingehuurd*                    weight=1
=externen                     weight=1
marktmacht                    weight=2
monopolie*                    weight=1.5
machtspositie*                weight=1.5
=ict-jongens                  weight=1.5
ict-bedrij*                   weight=1
softwarebedrij*               weight=1.5
softwarehuis*                 weight=1.5
techbedrij*                   weight=1.5
"big tech"                    weight=2
bigtech                       weight=2
@macht NEAR/4 @leverancier    weight=1
=centric                      weight=1
=pinkroccade                  weight=1

# contracts, outsourcing, procurement
contract                      weight=1.5     # also as a compound head; with a second sign
ict-contract*                 weight=2
softwarecontract*             weight=2
onderhoudscontract*           weight=2
cloudcontract*                weight=2
licentiecontract*             weight=2
@ict NEAR/4 contract          weight=1
langlopend* NEAR/3 contract   weight=1
*outsourc*                    weight=2       # outsourcing, geoutsourcet
aanbested*                    weight=2
overheidsopdracht*            weight=2       # Belgian public procurement
=gunning                      weight=2
gegund                        weight=1.5
onderhandelingsprocedure*     weight=2
raamovereenkomst*             weight=2
raamcontract*                 weight=2
lastenboek*                   weight=2       # Belgian: the specification of a public tender
gunningscriteri*              weight=2
offerte*                      weight=1.5     # bids
inschrijver*                  weight=1       # Belgian: the bidders in a tender
marktconsultatie*             weight=1.5
marktverkenning*              weight=1
aannemer*                     weight=1
"service level agreement"     weight=2
=sla                          weight=1.5
=overeenkomst                 weight=1       # a contract; with a second sign
abonnement*                   weight=1       # software as a subscription
inkoop                        weight=1
ict-inkoop                    weight=2
=opdrachtnemer                weight=1
"meerjarige opdracht"         weight=1

# licences and closed software
*licentie*                    weight=1.5     # licenties, licentiekosten, softwarelicentie
@ict NEAR/4 *licentie*        weight=1       # software licences
proprietary                   weight=2
bedrijfseigen                 weight=2
"gesloten software"           weight=2
"closed source"               weight=2

# dependence on suppliers, and getting free of it
afhankelijk* NEAR/4 @leverancier weight=1
afhankelijk* NEAR/4 =amerikaanse weight=1
=autonomie                    weight=1       # strategische, digitale autonomie
soevereiniteit                weight=1.5     # digitale soevereiniteit; state sovereignty too, so with a second sign
exit-strategie                weight=1.5
exitstrategie                 weight=1.5
"exit strategie"              weight=1.5
overstap*                     weight=0.5

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group vendornaam =facebook =whatsapp =tiktok =kpn =citrix =aws =azure =salesforce =vmware =broadcom =cisco =palantir =huawei =kaspersky =nrb =inetum =ordina =sopra =visma =roxit =topicus =microsoft =google =amazon =oracle =ibm
%group giganten techgigant* softwaregigant* internetgigant* techreu* =gafam =gafa =faang
%group prive privebedrij* privefirma* privepartner* prive-bedrij* prive-firma*
%group extpers adviseur* expert* deskundige* firma* partij* ontwikkelaar* programmeur* specialist* bureau* krachten
%group toekennen toegekend toegewezen toevertrouwd uitgeschreven
%group koopwaar software* pakket* partij* aanbieder* bedrijven spelers leverancier*
%group contrbeheer contractbeheer* contractmanag* contractverleng* contractduur contractpartij* contractvoorwaard*
%group inkoopvw =arbit arbit-* gibit*
%group nietlev energieleverancier* gasleverancier* stroomleverancier* elektriciteitsleverancier* wapenleverancier* vaccinleverancier* medicijnleverancier* geneesmiddelenleverancier*
%group nietcontr arbeidscontract* arbeidsovereenkomst* beheerscontract* beheersovereenkomst* huurcontract* huurovereenkomst* samenwerkingsovereenkomst* energiecontract* leercontract*
%group nietlic exportlicentie* uitvoerlicentie* wapenlicentie*
uitbesteding  weight=1.5   # outsourcing (uitbesteden, uitbesteed, ICT-uitbesteding; the file has only the English): with a second sign, as "te weinig uitbesteden" is uitbesteden
*insourc*  weight=1   # insourcing: taking outsourced ICT back, the supplier relation raised
aanbesteed*  weight=2   # procurement: aanbesteed, aanbesteedt (aanbested* misses the participle)
?*aanbested*  weight=2   # procurement as a compound head: ICT-aanbesteding, Europese-aanbestedingsregels
tender*  weight=1.5   # tenders (aanbesteding), tenderen, tenderprocedure
*procurement*  weight=2   # English: procurement, e-procurement
supplier  weight=2   # English: supplier(s)
=lockin  weight=2   # vendor lock-in written as one word
marktpartij*  weight=0.5   # market parties: Dutch government's word for ICT suppliers, often in passing
@prive  weight=1   # Belgian: privebedrijven, privefirma, privepartner hired by the administration
@giganten  weight=1.5   # tech giants: market power of ICT companies
@vendornaam  weight=1   # named ICT vendors and platforms: with a second sign (dependence, licence, contract)
afhankelijk* NEAR/5 @vendornaam  weight=1   # dependence on a named vendor
extern* BEFORE/2 @extpers  weight=1   # externe adviseurs, firma's, partijen, krachten: hired from outside
informaticabedrij*  weight=1.5   # Belgian: an IT company
opdrachtgeverschap  weight=1.5   # (good) commissioning of ICT suppliers
=opdracht NEAR/5 @toekennen  weight=1   # Belgian: de opdracht werd toegekend, toegewezen, toevertrouwd aan (a contract awarded)
bestek  weight=1   # Belgian: the specifications of a public tender (bestek, bestekken)
"bijzonder bestek"  weight=1   # Belgian: the special specifications of a tender (with bestek 1.5, coded)
aankoopcentrale*  weight=2   # Belgian: central purchasing body
opdrachtencentrale*  weight=2   # Belgian: central purchasing body for public contracts
gunnings*  weight=2   # gunningsbeslissing, gunningsprocedure, gunningsleidraad (award of a tender)
=gunnen  weight=1   # to award (a contract); also to grant, so a second sign
mantelovereenkomst*  weight=2   # framework agreement, a synonym of raamovereenkomst
"concurrentiegerichte dialoog"  weight=2   # a procurement procedure (NL and BE)
mededingingsprocedure*  weight=2   # Belgian: a procurement procedure (met onderhandeling)
"programma van eisen"  weight=1   # the specification in a Dutch tender
@inkoopvw  weight=2   # ARBIT, GIBIT: the government's general terms for ICT contracts
inkoop?*  weight=1.5   # inkoopbeleid, inkoopproces, inkoopvoorwaarden (procurement; inkoop alone stays 1)
@contrbeheer  weight=1.5   # contract management, extension, duration, terms (contract misses the modifier)
looptijd NEAR/5 contract  weight=0.5   # the term of a (long-running) contract: with contract 1.5, coded
meerwerk  weight=1   # extra work billed by a supplier
monopolist*  weight=1.5   # monopolist, monopolistisch (monopolie* misses it)
overstapkost*  weight=1.5   # switching costs: lock-in
proprietai*  weight=2   # Dutch spelling of proprietary: proprietaire software
=closed-source  weight=2   # the hyphenated form of closed source
=saas  weight=1   # software as a service: dependence on a vendor's subscription
"publieke cloud"  weight=1   # the public cloud of commercial providers: with a second sign
commercie* BEFORE/2 @koopwaar  weight=1   # commerciele partijen, software, aanbieders
leverencier*  weight=2   # a frequent misspelling of leverancier
!@nietlev   # energy, arms and vaccine suppliers: not ICT vendors (frequent in Belgian questions)
!@nietcontr   # employment, management, rental and cooperation contracts: not ICT contracts
!"contract van bepaalde duur"   # an employment contract
!"in overeenkomst met"   # in accordance with
!"plastic bestek"   # cutlery
!@nietlic   # export and arms licences; open source licences (a publication, not a vendor relation)
!"gemeentelijke autonomie"   # the autonomy of municipalities (Belgian and Dutch local government), not digital autonomy
!?*sla   # a lettuce (ijsbergsla), not a service level agreement

# Senses found in Dutch government developers' and parliamentary prose that
# are no vendor relation: a timeframe, a supplier of data, the technical
# contract of an API.
!tijdsbestek*   # a timeframe (een kort tijdsbestek), not the specifications of a tender (bestek)
!dataleverancier*   # a supplier of data (the Kadaster, a register), not an ICT vendor
!gegevensleverancier*
!api-contract*   # the technical contract of an API (its specification), not a vendor contract
!"api contract"
!"api contracten"
!datacontract*
!interfacecontract*
!contract-first   # designing an API from its specification first
!"contract first"
amerikaans* NEAR/3 cloud*  weight=2   # dependence on American cloud providers: de Amerikaanse cloud, Amerikaanse clouddiensten
amerikaans* NEAR/3 dienstverle*  weight=2   # Amerikaanse (digitale) dienstverleners, dienstverlening
clouddienst*  weight=1   # cloud services: with a second sign
inkoop NEAR/4 @ict  weight=1   # procurement of software or cloud: de inkoop van software
ingekocht NEAR/4 @ict  weight=1.5   # software bought in (ingekocht) from the market
"digitale soevereiniteit"  weight=0.5   # with soevereiniteit, codes: independence from (foreign) ICT companies, not the state's sovereignty of treaties
macht NEAR/4 @leverancier  weight=1   # with the rule above, codes: the market power of ICT companies (the codebook names it)
