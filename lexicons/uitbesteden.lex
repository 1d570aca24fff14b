# Uitbesteden: the execution of ICT itself as a factor -- ICT projects
# badly started, led or executed; patchwork systems; underestimating
# complexity; the amateurism of doing it oneself; not daring to let go or
# hand over to specialists, the market or others.
# Implements lexicons/CODEBOOK.md, section "uitbesteden".
#
# Hiring suppliers and outsourcing contracts are contracten_ict; this theme
# is the government's own execution. Words for failure count when they are
# about a project or system (NEAR), not alone: delay and trouble are
# everywhere in news-like text.
%key uitbesteden
%label Te weinig uitbesteden, niet los durven laten
%description De uitvoering van ICT zelf: ICT-projecten die slecht gestart, geleid of uitgevoerd worden, aan elkaar geknutselde systemen, onderschatte complexiteit, amateurisme van het zelf doen, niet durven loslaten of overlaten aan specialisten of de markt.
%min-score 2

%group zelfdoen rommel* aanrommel* knutsel* ontwikkel* bouw* doen =maken programmeer* prut*
%group overlaten overlat* overgelaten overdragen uitbested* loslaten
%group project project projecten ict-project* *project *projecten systeem systemen informaticasysteem* ict-systeem* applicatie* =software implementatie* invoering uitrol
%group falen mislukt* mislukking* faal* gefaald faalt *vertraging* vertraagd* uitgesteld* *overschrijding* overschreden =stopgezet ontspoord* misgelopen problemen =kinderziektes =storingen gebrekkig* =slecht =protest =duren =duurt =ingewikkeld panne* defect* =bug =bugs haper* fiasco* debacle* =chaos chaotisch* disfunct* dysfunct* crash* rampzalig* ontspoor*

# not letting go
=loslaten                     weight=3
=los NEAR/3 laten             weight=3
zelf NEAR/3 @zelfdoen         weight=1.5
=markt NEAR/3 @overlaten      weight=2
"in eigen beheer"             weight=1.5
"in huis"                     weight=1
=inhouse                      weight=1.5
"ivoren toren"                weight=2

# patchwork and amateurism
knutsel*                      weight=2
geknutsel*                    weight=2
ratjetoe                      weight=2
lappendeken                   weight=2
amateuris*                    weight=2
gepruts                       weight=2
"aan elkaar geknoopt"         weight=2
"aan elkaar gehangen"         weight=2

# projects that go wrong, complexity underestimated
onderschat*                   weight=1.5
maatwerk                      weight=0.5     # custom-built rather than bought: with a second sign
zelfbouw                      weight=1.5
informaticaproblem*           weight=1.5     # Belgian: the trouble with a government's own IT
ict-problem*                  weight=1.5
it-problem*                   weight=1.5
computerproblem*              weight=1.5
*fiasco*                      weight=1.5     # ICT-fiasco, projectfiasco
*debacle*                     weight=1.5
complexiteit                  weight=0.5
@falen NEAR/5 @project        weight=2       # a project or system that fails, is late or is protested
"niet goed gestart"           weight=2
=big-design-up-front          weight=1.5
"big design up front"         weight=1.5
wensdenken                    weight=1
