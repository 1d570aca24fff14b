# Uitbesteden: the government does too much ICT itself -- building and
# tinkering in-house, not daring to let go or leave it to the market,
# underestimating how complex it is.
%key uitbesteden
%label Te weinig uitbesteden, niet los durven laten
%description De overheid doet te veel ICT zelf: zelf ontwikkelen, bouwen en knutselen, niet durven loslaten of aan de markt overlaten, de complexiteit onderschatten.

%group zelfdoen rommel* aanrommel* knutsel* ontwikkel* bouw* doen =maken programmeer* prut*
%group overlaten overlat* overgelaten overdragen uitbested*

uitbested*                    weight=2
=loslaten                     weight=3
=los NEAR/3 laten             weight=3
zelf NEAR/3 @zelfdoen         weight=2
=markt NEAR/3 @overlaten      weight=2
"in eigen beheer"             weight=2
"in huis"                     weight=1
=inhouse                      weight=1.5
"ivoren toren"                weight=2
knutsel*                      weight=1.5
geknutsel*                    weight=1.5
ratjetoe                      weight=1
lappendeken                   weight=1
amateuris*                    weight=1.5
gepruts                       weight=1.5
onderschat*                   weight=1.5
complexiteit                  weight=1
=maatwerk                     weight=1
=ict-mensen                   weight=0.5
=ict'ers                      weight=0.5
ict-afdeling*                 weight=0.5
