# Regie: no central direction or coherence -- ministries and programmes
# that each go their own way, no standards, everyone reinventing the wheel,
# too little support from the centre.
%key regie
%label Gebrek aan samenhang, regie; gebrek aan centrale ondersteuning
%description Geen centrale regie, sturing of standaardisatie; versnippering en ieder voor zich; systemen en programma's die niet op elkaar aansluiten; te weinig centrale ondersteuning.

%group centrum =rijk rijksoverheid ministerie* kabinet =bzk =vng centraal centrale nationaal nationale
%group systeem systeem systemen oplossing* applicatie* programma* pakket* platform* voorziening*

regie*                        weight=3       # regie, regierol, regievoering
coordin*                      weight=2       # coördinatie (diacritics are folded)
samenhang                     weight=2
versnipper*                   weight=2
fragmentatie                  weight=1.5
gefragmenteerd                weight=1.5
standaard*                    weight=1.5     # standaardisatie, standaarden
eenduidig*                    weight=1.5
afstemming                    weight=1.5
interoperab*                  weight=1.5
sturing                       weight=1.5     # also aansturing
=gestuurd                     weight=1
=aangestuurd                  weight=1
samenwerking                  weight=1
"langs elkaar heen"           weight=2.5
"ieder voor zich"             weight=2
"voor zich"                   weight=1
"heft in handen"              weight=2
=wiel                         weight=1.5     # het wiel (opnieuw) uitvinden
centra*                       weight=1
ministerie*                   weight=1
landelijk*                    weight=1
aansluit*                     weight=1
=eenheid                      weight=1
visie                         weight=1
overgelaten                   weight=1
dwing*                        weight=0.5
ondersteuning                 weight=0.5
ondersteuning NEAR/4 @centrum weight=1.5
verschillend* NEAR/3 @systeem weight=1.5
eigen NEAR/2 @systeem         weight=1
