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
zelf NEAR/3 @zelfdoen         weight=1       # doing it oneself: with a second sign, as developers write "zelf ontwikkelen" as a matter of course
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

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group ictextra informatica* informatisering* toepassing* =platform =platformen =website =websites =portaal =app =apps =ict =it computersysteem* =databank =databanken
%group ictall project projecten *project *projecten systeem systemen applicatie* =software informatica* informatisering* toepassing* =platform =platformen =ict =it
%group mislukken =falen schipbreuk* =strandde =strandt =gestrand afgeblazen =geflopt =flop =floppen =drama misgegaan =misloopt vastgelop* =spaak stilgelegd* verspil* =verspilling onbeheersba* uitgelopen
%group durven durf* durv*
%group afstaan uitbeste* =besteden overlat* overgelaten overdragen =overdoen
%group vakkundigen specialist* expert* experten marktpartij* =professionals vakmensen vaklui
%group plakken geplakt gelijmd gebreid getimmerd gelapt gebricoleerd aaneengeregen
%group matig =slecht =slechte gebrekkig* =matig =onvoldoende =amateuristisch
%group uitgevoerd gestart geleid uitgevoerd aangestuurd georganiseerd ontworpen doordacht voorbereid geimplementeerd gemanaged begeleid
%group leiding projectmanagement projectleiding projectbeheersing projectsturing projectaanpak programmamanagement opdrachtgeverschap
%group verwacht gedacht verwacht voorzien gepland begroot geraamd ingeschat
@mislukken NEAR/6 @ictall  weight=2   # ICT projects badly executed: het falen van, gestrande, geflopte ICT-projecten (@falen lacks these)
@falen NEAR/5 @ictextra  weight=1.5   # ICT badly executed: problemen met de informatica, de toepassing, de website (Belgian toepassing, informatisering)
!"los van"   # los van (apart from): not =los NEAR/3 laten
lapwerk  weight=2   # patchwork systems
=elkaar BEFORE/2 @plakken  weight=2   # patchwork: aan elkaar geplakt, gelijmd, gebreid, getimmerd
houtje-touwtje*  weight=2   # patchwork
vliegwerk  weight=2   # patchwork: kunst- en vliegwerk
knoeiwerk  weight=2   # amateurism
pruts*  weight=2   # amateurism: prutswerk, prutsen, prutsers (gepruts exists)
klungel*  weight=2   # amateurism: klungelig, klungelwerk
beunha*  weight=2   # amateurism: beunhazen, beunhazerij
dilettant*  weight=2   # amateurism
amateur  weight=1.5   # amateurism: amateurs (amateuris* misses the noun for persons)
onprofessione*  weight=2   # amateurism: onprofessioneel
@tekort BEFORE/3 professional*  weight=1.5   # amateurism: gebrek aan professionaliteit, onvoldoende professionalisering
beginnersfout*  weight=1.5   # amateurism
nattevingerwerk  weight=1.5   # amateurism
"maar wat aan"  weight=1.5   # doing it oneself amateurishly: rommelen/modderen maar wat aan
"achterstallig onderhoud"  weight=1.5   # patchwork systems: maintenance left undone
@tekort NEAR/4 @leiding  weight=2   # ICT projects badly led: gebrek aan projectmanagement, gebrekkige projectbeheersing
@matig BEFORE/2 @uitgevoerd  weight=1.5   # ICT projects badly started, led or executed: slecht gestart, onvoldoende voorbereid
ondoordacht*  weight=1.5   # projects badly started
"niet van de grond"  weight=1.5   # projects badly started: komt niet van de grond
=dan BEFORE/1 @verwacht  weight=1   # underestimating complexity: duurder, complexer dan gedacht/voorzien
"complexer dan"  weight=1.5   # underestimating complexity (with the rule above codes alone)
overambiti*  weight=1.5   # underestimating complexity: overambitieuze projecten
"big bang"  weight=1.5   # projects badly started: big-bang implementations
=big-bang  weight=1.5   # idem, hyphenated
"scope creep"  weight=1.5   # projects badly led
@durven NEAR/5 @afstaan  weight=2   # not daring to let go or hand over: niet durven uitbesteden, uit te besteden, over te laten
@tekort BEFORE/3 uitbeste*  weight=2   # too little outsourcing: te weinig uitbesteden, uitbesteed (the report's heading)
=meer BEFORE/2 uitbeste*  weight=1.5   # too little outsourcing: meer uitbesteden; not always ICT, so a second sign
@vakkundigen NEAR/5 @afstaan  weight=1.5   # handing over to specialists / the market: overlaten aan specialisten, marktpartijen
"alles zelf"  weight=1.5   # doing it oneself: alles zelf (willen) doen, bouwen
"not invented here"  weight=2   # doing it oneself, not daring to use others' work
zelfgebouwd*  weight=1.5   # doing it oneself: zelfgebouwde systemen (zelfbouw misses the participle)
doe-het-zelf*  weight=1.5   # doing it oneself
in-house*  weight=1.5   # doing it oneself: hyphenated (=inhouse exists)
"uit handen"  weight=1   # not daring to let go: niet uit handen (willen) geven, het heft niet uit handen; with a second sign
krampachtig*  weight=1   # not daring to let go: krampachtig vasthouden aan eigen systemen

# Adverbs in -matig are no judgement of how a project was run: regelmatig
# (regularly), handmatig (by hand), doelmatig, stelselmatig uitgevoerd.
!?*matig
grote BEFORE/2 ict-project*  weight=2   # ICT projects as a problem: "grote ICT-projecten" is the Dutch policy term for the large projects that fail
grote BEFORE/2 it-project*  weight=2
ict-toetsing  weight=2   # the Adviescollege (Bureau) ICT-toetsing, which reviews the risks of large ICT projects
