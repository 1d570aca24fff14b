# Contracten ICT: outsourcing to and dependence on ICT suppliers -- long
# contracts, tenders, vendor lock-in, the power of the big software houses.
%key contracten_ict
%label Outsourcing / Contracten ICT-aanbieders
%description Uitbesteding aan en afhankelijkheid van ICT-leveranciers: (langlopende) contracten, aanbestedingen, vendor lock-in en de macht van grote softwareleveranciers.

%group leverancier leverancier aanbieder ict-jongens ict-bedrij* softwarebedrij* softwarehuis* marktpartij* =centric =pinkroccade =roxit =decos =visma
%group macht macht machtig* afhankelijk* monopol* dicteren bepalen

contract                      weight=2       # ICT-contracten, onderhoudscontracten
*outsourc*                    weight=2       # outsourcing, geoutsourcet
leverancier                   weight=2       # also softwareleveranciers
aanbieder                     weight=2       # ICT-aanbieders, softwareaanbieders
aanbested*                    weight=2
langlopend*                   weight=1.5
=lock-in                      weight=2
vendor*                       weight=1.5
leveranciersafhankelijk*      weight=2
=ict-jongens                  weight=1.5
ict-bedrij*                   weight=1
softwarebedrij*               weight=1
softwarehuis*                 weight=1.5
licentie*                     weight=1
=centric                      weight=1.5
=pinkroccade                  weight=1.5
=roxit                        weight=1.5
=decos                        weight=1.5
overstap*                     weight=0.5
@macht NEAR/4 @leverancier    weight=1
