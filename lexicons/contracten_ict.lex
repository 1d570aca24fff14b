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
soevereiniteit                weight=1.5     # digitale soevereiniteit
exit-strategie                weight=1.5
exitstrategie                 weight=1.5
"exit strategie"              weight=1.5
overstap*                     weight=0.5
