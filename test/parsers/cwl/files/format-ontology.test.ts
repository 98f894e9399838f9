import { describe, expect, it } from 'vitest';
import { checkFormat, isSubformat, loadFormatOntology } from '../../../../parsers/cwl/files/index.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';

const { fileWith } = scratchFiles('cwl-ontology');
const EDAM = 'http://edamontology.org/';

const owl = fileWith(
  'edam.owl',
  `<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY edam "http://edamontology.org/" > ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <owl:Class rdf:about="&edam;format_1929">
        <rdfs:label>FASTA</rdfs:label>
        <rdfs:subClassOf rdf:resource="http://edamontology.org/format_2200"/>
    </owl:Class>
    <owl:Class rdf:about="http://edamontology.org/format_2200">
        <rdfs:subClassOf rdf:resource="http://edamontology.org/format_2330"/>
    </owl:Class>
</rdf:RDF>
`,
);
const ttl = fileWith(
  'gx.ttl',
  '@prefix gx: <http://galaxyproject.org/formats/> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix edam: <http://edamontology.org/> .\n\ngx:fasta owl:equivalentClass edam:format_1929 .\n',
);

describe('format ontologies', () => {
  it('accepts a format that is a subclass of the declared one, transitively, from RDF/XML', async () => {
    const ontology = await loadFormatOntology([owl]);
    expect(isSubformat(ontology, `${EDAM}format_1929`, `${EDAM}format_2330`)).toBe(true);
    expect(isSubformat(ontology, `${EDAM}format_2330`, `${EDAM}format_1929`)).toBe(false);
  });

  it('accepts an equivalent class declared in Turtle', async () => {
    const ontology = await loadFormatOntology([owl, ttl]);
    const fasta = { class: 'File' as const, location: 'ref.fasta', format: `${EDAM}format_1929` };
    expect(() =>
      checkFormat(fasta, ['http://galaxyproject.org/formats/fasta'], 'input', (a, b) => isSubformat(ontology, a, b)),
    ).not.toThrow();
  });
});
