# Prioriteit: digitalisation is not given priority or urgency -- no will
# or commitment at the top, little attention, resistance to change, fear of
# risk, an organisation that does not move.
%key prioriteit
%label Onvoldoende prioriteit, urgentie
%description Digitalisering krijgt te weinig prioriteit, aandacht of urgentie; geen wil of draagvlak bij bestuur en top; weerstand tegen verandering, risicomijding en starheid.

%group top directie bestuur bestuurder* bestuurlijk* management* politiek* politici wethouder* college =raad gemeenteraad leiding* =top =mt
%group tekort onvoldoende weinig gebrek geen ontbreek* ontbrak* ontbrek* nauwelijks
%group durf durf* durv*

prioriteit                    weight=2
prioriter*                    weight=2
urgentie                      weight=2
urgent*                       weight=1
@tekort BEFORE/3 prioriteit   weight=1
@tekort BEFORE/3 urgentie     weight=1
aandacht                      weight=1
focus                         weight=1
"echte wil"                   weight=2
"politieke wil"               weight=2
"bestuurlijke wil"            weight=2
=wil NEAR/3 @top              weight=1.5
draagvlak                     weight=1.5
commitment                    weight=1.5
betrokkenheid                 weight=1
@top                          weight=0.5
weerstand                     weight=1.5
@durf                         weight=1.5     # (niet) durven
risico*                       weight=1
angst*                        weight=1
=bang                         weight=1
experiment*                   weight=1
flexib*                       weight=1
=star                         weight=1
cultuur                       weight=1
vergrijz*                     weight=1
innovati*                     weight=1
vernieuw*                     weight=1
daadkracht                    weight=1
tegenhoud*                    weight=1
veranderbereid*               weight=1.5
"zittend personeel"           weight=1
"geen haast"                  weight=1.5
