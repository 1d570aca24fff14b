# Wetgeving: law and regulation as a cause -- privacy law (AVG/GDPR), legal
# frameworks that do not allow digital working, laws that are not adapted.
%key wetgeving
%label Wetgeving
%description Wet- en regelgeving (privacy, AVG, juridische kaders) die digitalisering belemmert of niet is aangepast.

%group wettekst wetgeving regelgeving =wet =wetten =regels =regelgeving privacy* =avg
%group hinderen belemmer* blokkeer* blokkeert blokkade* knel* hinder* beperk* rem* verbied* verbod* verhinder* onmogelijk
%group aanpassen aanpass* aangepast* wijzig* gewijzigd* herzien* herziening moderniser* repareren

# the law itself
wetgeving                     weight=2
regelgeving                   weight=2
=wet                          weight=1.5     # the noun, also as a compound head (Omgevingswet); never weten, weet
=wetten                       weight=1.5
=regels                       weight=1
wettelijk*                    weight=1.5
juridisch*                    weight=1.5
jurist*                       weight=1
wetgever                      weight=1.5
wetsvoorstel*                 weight=1.5
wetswijziging*                weight=1.5
grondslag*                    weight=1
regeldruk                     weight=1.5

# privacy and data protection law
privacy*                      weight=1
=avg                          weight=2
=gdpr                         weight=2
=wbp                          weight=1.5
persoonsgegevens              weight=1
gegevensbescherming           weight=1.5
=dpia                         weight=1

# the law getting in the way, or not being changed
@wettekst NEAR/4 @hinderen    weight=1
@aanpassen NEAR/4 @wettekst   weight=1
