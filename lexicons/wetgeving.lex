# Wetgeving: laws and regulation as a factor -- legislation and rules,
# legal frameworks and requirements, privacy law, legal obstacles, laws to
# be made or changed, legal obligations on organisations and compliance.
# Implements lexicons/CODEBOOK.md, section "wetgeving".
#
# A law named in passing is not the theme: the words that name the law
# itself weigh 2 and code alone; words that are legal only in context
# (rules, obligations, conditions) weigh 1 and need a second sign.
%key wetgeving
%label Wetgeving
%description Wet- en regelgeving (privacy, AVG, juridische kaders, verplichtingen en verboden) die digitalisering en dienstverlening bepaalt, belemmert of aangepast moet worden.
%min-score 2

%group wettekst wetgeving regelgeving =wet =wetten =regels =regelgeving reglementering privacy* =avg
%group hinderen belemmer* blokkeer* blokkeert blokkade* knel* hinder* verhinder* onmogelijk
%group grens *plafond* limiet* =grens =grenzen grenswaarde* =maximum =normen =norm
%group schenden overschr* overtre* geschonden schend* omzeil* ontdui*
%group aanpassen aanpass* aangepast* wijzig* gewijzigd* herzien* herziening moderniser* repareren harmonis* nieuw nieuwe

# the law itself: legislation, its making and its instruments
wetgeving                     weight=2
regelgeving                   weight=2
=wet                          weight=2       # the noun, also as a compound head (Omgevingswet); never weten, weet
=wetten                       weight=2
wettelijk*                    weight=2
wetgever*                     weight=2
wetgevend*                    weight=2
wetsvoorstel*                 weight=2
wetsontwerp*                  weight=2
wetswijziging*                weight=2
wetboek*                      weight=2
*wetboek                      weight=2       # Gerechtelijk Wetboek, Burgerlijk Wetboek
uitvoeringswet*               weight=2
reglementering*               weight=2
regeldruk                     weight=2
verordening*                  weight=2       # EU regulations
grondwet*                     weight=2
decreet                       weight=1.5     # Belgian regional law
ordonnantie                   weight=1.5
"koninklijk besluit"          weight=2       # Belgian executive regulation
"ministerieel besluit"        weight=2
"algemene maatregel van bestuur" weight=2
=amvb                         weight=2
richtlijn                     weight=1       # an EU directive, but also a guideline
"europese richtlijn"          weight=1
juridisch*                    weight=2
jurist*                       weight=1.5
rechtsgrond*                  weight=2
grondslag*                    weight=1
"wettelijke basis"            weight=1
"in strijd met"               weight=1
=act                          weight=1       # the EU's acts: AI Act, Data Act, Cyber Resilience Act
regelgevings?*                weight=2       # regelgevingskader, regelgevingsagenda
regelgevend*                  weight=2       # regelgevend kader
rechtsbasis                   weight=2
voorontwerp*                  weight=1.5     # Belgian: a preliminary draft bill
"ministeriele regeling"       weight=2
beleidsregel*                 weight=1.5
circulaire*                   weight=1.5     # a ministerial circular, like an omzendbrief
/(?<=\b[Hh]et\s|\b[Dd]it\s|\b[Dd]at\s|\b[Ee]en\s|\b[Nn]ieuw\s|\b[Nn]ieuwe\s|\b[Oo]ntwerp\s|\b[Oo]ntwerp-\s|\b[Oo]ntwerp van\s)K\.?B\.?(?=[\s,.;:)]|$)/ weight=2 # Belgian: the KB (royal decree) after an article; the K first and case-sensitive, so that answers without a K are skipped
wettig*                       weight=1.5     # wettig, wettigheid (Belgian: lawful)
afdwingbaar*                  weight=1
bindend*                      weight=1       # (juridisch) bindend
beroepsgeheim                 weight=1.5
wetgevings?*                  weight=2       # wetgevingskader, wetgevingsagenda: the modifier of a compound
wetsartikel*                  weight=2
wettekst*                     weight=2
wetsbepaling*                 weight=2
reglement                     weight=1.5     # also as a head: arbeidsreglement
reglementair*                 weight=1.5     # Belgian: regulatory
reglementer*                  weight=2       # Belgian: to regulate (reglementeren, gereglementeerd)
gereglementeerd*              weight=2
normering*                    weight=1.5     # setting binding norms (normering, normeren)
=normeren                     weight=1.5
reguler*                      weight=2       # regulering, reguleren; never regulier (regular)
gereguleerd*                  weight=2
dereguler*                    weight=2
regulator*                    weight=1       # a sector's regulator, like a toezichthouder
besluit                       weight=1       # Belgian: a decree; also a decision, so with a second sign
uitvoeringsbesluit*           weight=2
=staatsblad                   weight=1.5     # the Belgian official journal, where laws are published
=bepaling                     weight=1
plicht                        weight=1       # meldplicht, informatieplicht, rechten en plichten (compound head)
=statuut                      weight=1       # Belgian: a legal status (zelfstandig statuut)
verdrag*                      weight=1.5     # treaties
omzendbrief*                  weight=1.5     # Belgian ministerial circulars
=bepalingen                   weight=1       # legal provisions
=eidas                        weight=2       # EU regulations and Dutch laws by their short names
=nis2                         weight=2
=woo                          weight=2
=wdo                          weight=2
strafbaar*                    weight=1
strafrecht*                   weight=1
aansprakelijk*                weight=1
vergunning*                   weight=1
toezichthouder*               weight=1
=rechter                      weight=1       # a matter for the courts
rechtbank*                    weight=1
recht                         weight=1       # a right or the law: recht op, Belgisch recht, consumentenrecht (head)
rechtspraak                   weight=1.5
gerechtelijk*                 weight=1.5     # Belgian: judicial (gerechtelijke procedure)
bestuursrecht*                weight=2
rechtsstaat*                  weight=1.5
rechtsstatelijk*              weight=1.5
=awb                          weight=2       # the Algemene wet bestuursrecht
=wob                          weight=2       # the former Wet openbaarheid van bestuur
normenkader*                  weight=1.5
=parket                       weight=1       # Belgian: the public prosecutor
jurisprudentie                weight=2
=arrest                       weight=1       # Belgian: a court's ruling (never arrestatie)
=vonnis                       weight=1
"grondwettelijk hof"          weight=2
"raad van state"              weight=1.5     # advises on every draft law
"hof van justitie"            weight=1.5
rechtszekerheid               weight=2
rechtsonzekerheid             weight=2
rechtskader                   weight=2
rechtsgeldig*                 weight=1.5
grondrecht*                   weight=1.5
auteursrecht*                 weight=2
"intellectuele eigendom"      weight=1.5
illegaal                      weight=2
onwettig*                     weight=1.5
onrechtmatig*                 weight=1.5
rechtmatig*                   weight=2
wederrechtelijk*              weight=1.5
=regels                       weight=1
=regeltjes                    weight=1
=regeling                     weight=1       # a (ministerial) regulation, also an arrangement: with a second sign
=regelingen                   weight=1

# privacy and data protection law
privacy*                      weight=2
=avg                          weight=2
=gdpr                         weight=2
=wbp                          weight=2
=dpia                         weight=2
persoonsgegevens              weight=1.5
gegevensbescherming*          weight=2       # also the authority
=privacyrecht                 weight=2
"persoonlijke levenssfeer"    weight=2       # Belgian law's word for privacy
bescherming                   weight=1       # legal protection: of consumers, data, confidentiality (also as a head)
dataretentie                  weight=1.5     # the keeping of traffic data, set by law
bewaartermijn*                weight=1
verwerkingsverantwoordelijk*  weight=2       # the GDPR's controller
verwerkingsregister*          weight=2
doelbinding                   weight=2       # purpose limitation, a principle of data protection law

# obligations, prohibitions and their enforcement
verplicht*                    weight=1
!"verplichte standaard"                      # a mandatory standard is coordination (regie)
!"verplichte standaarden"
verplichting*                 weight=1
verbod                        weight=2       # a ban is a rule of law
verbied*                      weight=1.5
inbreuk*                      weight=1.5
overtreding*                  weight=1.5
sanctie*                      weight=1
beboet                        weight=1
boete*                        weight=1
naleving                      weight=1.5
=nageleefd                    weight=1.5
=naleven                      weight=1.5
handhaving                    weight=1
controle*                     weight=0.5     # inspections, with an offence or a rule
"in regel"                    weight=1       # Belgian: in order with the rules
compliance                    weight=1
=toegestaan                   weight=1
toegelaten                    weight=1       # Belgian for toegestaan
voorschrift*                  weight=1.5     # regulations, requirements
conformiteit                  weight=1
=toezicht                     weight=0.5     # supervision, with a rule or an offence
inspectie*                    weight=0.5     # inspections, likewise

# the law getting in the way, or needing change
@wettekst NEAR/4 @hinderen    weight=1
@aanpassen NEAR/4 @wettekst   weight=1
omzetting NEAR/4 recht        weight=1       # transposing EU law into national law
@grens NEAR/6 @schenden        weight=2       # a limit or norm exceeded or evaded: compliance with a rule

# More of the codebook's vocabulary, read a second time: the theme's word as
# a compound's head or in another form, Belgian and English terms, idioms;
# vetoes for senses that Dutch prose uses and that are not the theme.
%group streng streng* strikt* rigide* knellend* complex* ingewikkeld*
%group euwet =nis =dma =dsa =dga =cra =psd2
%group privtech pseudonimis* gepseudonimiseerd* anonimis* geanonimiseerd*
%group nietregels coderegel* vuistregel* ontwerpregel* validatieregel* lintregel* bedrijfsregels
%group nietbepaling plaatsbepaling* positiebepaling* locatiebepaling* standpuntbepaling* prijsbepaling* koersbepaling*
wets*  weight=2   # the law as a compound modifier: wetsherziening, wetstraject, wetsevaluatie, wetsconform (the file lists only some)
!wetstraat*   # de Wetstraat: Belgian federal politics by metonymy, not a law
!wetsuit*   # not a law
?*verordening*  weight=2   # EU regulations as a compound head: AI-verordening, eIDAS-verordening, privacyverordening (verordening* sees only words that begin with it)
?*privacy*  weight=2   # privacy law as a compound head: gegevensprivacy, online-privacy
?*reglementering*  weight=2   # Belgian regulation as a compound head: privacyreglementering
avg-*  weight=2   # AVG-proof, AVG-eisen, AVG-conform: =avg misses the hyphenated compound
gdpr-*  weight=2   # GDPR-compliant, GDPR-proof
onwettelijk*  weight=2   # unlawful (=wet and wettelijk* miss it)
decreta*  weight=2   # Flemish: decretaal, decretale basis (decreet does not stem to it)
=uavg  weight=2   # the Dutch GDPR implementation act
"autoriteit persoonsgegevens"  weight=1   # the Dutch data protection authority (with persoonsgegevens 1.5, coded)
=gba  weight=1   # Belgian: Gegevensbeschermingsautoriteit (in Dutch texts also the old municipal register), so a second sign
=cbpl  weight=1.5   # Belgian: the former privacy commission
informatieveiligheidscomit*  weight=1.5   # Belgian: the committee that authorises data exchange under privacy law
=dpo  weight=1.5   # data protection officer (GDPR obligation)
verwerk*overeenkomst*  weight=1.5   # verwerkersovereenkomst: the processor agreement the GDPR requires
verwerkingsgrondslag*  weight=2   # the legal basis for processing personal data
verwerking* NEAR/3 persoonsgegevens  weight=0.5   # processing of personal data, the GDPR's object (with persoonsgegevens 1.5, coded)
@privtech  weight=1   # pseudonymisation, anonymisation: data protection measures, with a second sign
legaliteit*  weight=2   # legality, legaliteitsbeginsel
=legislation  weight=2   # English: legislation
regulation  weight=1.5   # English: regulation(s)
"data protection"  weight=2   # English: data protection law
"rules as code"  weight=1.5   # machine-readable, executable legislation
"regels als code"  weight=1   # with =regels 1, coded
regelluw*  weight=2   # regelluwe zones: exemptions from rules to allow digital experiments
experimenteerbepaling*  weight=2   # a legal clause that allows experiments
uitvoerbaarheidstoets*  weight=1.5   # the test of whether a law can be executed
eu-richtlijn*  weight=2   # EU directive (richtlijn alone is also a guideline)
=europese BEFORE/2 =regels  weight=1   # Europese (privacy)regels: with =regels 1, coded
@euwet  weight=1.5   # EU acts by their short names: NIS, DMA, DSA, DGA, CRA, PSD2
=overtreden  weight=1.5   # to break a rule (overtreding* misses the verb)
@streng NEAR/3 =regels  weight=1   # strict, rigid, complex rules: with =regels 1, coded
rondzendbrief*  weight=1.5   # Belgian: a circular, like omzendbrief
"openbaarheid van bestuur"  weight=1.5   # the Belgian law (and former Dutch Wob) on open government
rechtsgevolg*  weight=1.5   # legal effect
!@nietregels   # lines of code, rules of thumb, design, validation and lint rules: not law
!"regels code"   # regels = lines of code
!"civiele bescherming"   # Belgian Civil Protection (an agency), not legal protection
!=wettigt   # Belgian: "dat wettigt de vraag" = justifies, not lawful
!@nietbepaling   # a position or price determination, not a legal provision
!"tot zijn recht"   # "tot zijn recht komen": to show to advantage
!"recht doen"   # "recht doen aan": to do justice to
!"wet van conway"   # laws of nature and thumb, not legislation
!"wet van moore"

# Guidelines, not directives: richtlijn in developers' prose is mostly a
# guideline of accessibility, architecture or practice.
!wcag-richtlijn*
!"wcag richtlijnen"
!praktijkrichtlijn*
!architectuurrichtlijn*
!implementatierichtlijn*
!ontwerprichtlijn*
!toegankelijkheidsrichtlijn*
!dienstregeling*   # a timetable, not a regulation
rechtszaak*  weight=2   # juridical questions: a lawsuit (against the State, a municipality)
