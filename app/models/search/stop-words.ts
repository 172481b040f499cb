// Snowball stop words of PostgreSQL's french and english configurations (ASCII entries: queries
// are unaccented first, like the indexed text). A query word in this list is not searched.
const STOP_WORDS_TEXT = `
a about above after again against ai aie aient aies ait all am an and any are as at au aura
aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux avaient avais avait
avec avez aviez avions avons ayant ayante ayantes ayants ayez ayons be because been before
being below between both but by c can ce ces d dans de des did do does doing don down du during
each elle en es est et eu eue eues eurent eus eusse eussent eusses eussiez eussions eut eux few
for from furent further fus fusse fussent fusses fussiez fussions fut had has have having he
her here hers herself him himself his how i if il in into is it its itself j je just l la le
leur lui m ma mais me mes moi mon more most my myself n ne no nor nos not notre nous now of off
on once only ont or other ou our ours ourselves out over own par pas pour qu que qui s sa same
se sera serai seraient serais serait seras serez seriez serions serons seront ses she should so
soient sois soit some sommes son sont soyez soyons such suis sur t ta te tes than that the
their theirs them themselves then there these they this those through to toi ton too tu un
under une until up very vos votre vous was we were what when where which while who whom why
will with y you your yours yourself yourselves`

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_TEXT.split(/\s+/).filter(Boolean))
