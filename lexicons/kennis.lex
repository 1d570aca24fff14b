# Kennis: too little knowledge and skill -- of civil servants, managers
# and politicians -- about ICT and digital working; no training or expertise.
%key kennis
%label Kennis
%description Te weinig kennis, deskundigheid en digitale vaardigheden bij ambtenaren, leiding en politiek; te weinig opleiding en expertise.

%group tekort onvoldoende weinig gebrek geen ontbreek* ontbrek* gebrekkig* beperkt* tekort*

kennis                        weight=3       # also ICT-kennis, vakkennis
!kennisgeving                                # a notice, not knowledge
@tekort BEFORE/4 kennis       weight=1
deskundig*                    weight=2
expertise                     weight=2
vaardig*                      weight=2       # vaardigheden, digivaardig
digivaardig*                  weight=2
onkunde                       weight=2
onwetendheid                  weight=2
knowhow                       weight=2
=know-how                     weight=2
competenti*                   weight=1.5
opleiding*                    weight=1.5
scholing                      weight=1.5
bijscholing                   weight=1.5
cursus*                       weight=1
training*                     weight=1
gekwalificeer*                weight=1.5
specialist*                   weight=1
begrip                        weight=1
inzicht                       weight=1
"omslag in denken"            weight=1.5
achterhaald                   weight=1
technolog*                    weight=0.5
