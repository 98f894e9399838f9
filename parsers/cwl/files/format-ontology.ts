// Format ontologies named by `$schemas` (EDAM's RDF/XML, small Turtle files): which formats are subclasses or
// equivalents of which, so that a FASTA file satisfies an input declared as "sequence format".
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter (format)
import { readFile } from 'node:fs/promises';
import { CwlFileError } from './errors.js';

// Relations between format IRIs: `broader` (subClassOf) and `same` (equivalentClass, both ways).
export interface FormatOntology {
  readonly broader: ReadonlyMap<string, readonly string[]>;
  readonly same: ReadonlyMap<string, readonly string[]>;
}

const SUBCLASS = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const EQUIVALENT = 'http://www.w3.org/2002/07/owl#equivalentClass';

// Reads the ontology files (paths) into one set of relations.
export async function loadFormatOntology(paths: readonly string[]): Promise<FormatOntology> {
  const broader = new Map<string, string[]>();
  const same = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, from: string, to: string): void => {
    map.set(from, [...(map.get(from) ?? []), to]);
  };
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw new CwlFileError(`Cannot read format ontology \`${path}\``, {
        cause: error,
        hint: 'check the $schemas entry of the document',
      });
    });
    const triples = text.trimStart().startsWith('<') ? rdfXmlTriples(text) : turtleTriples(text);
    for (const [subject, predicate, object] of triples) {
      if (predicate === SUBCLASS) add(broader, subject, object);
      if (predicate === EQUIVALENT) {
        add(same, subject, object);
        add(same, object, subject);
      }
    }
  }
  return { broader, same };
}

// Whether `actual` is `accepted`, an equivalent of it, or a subclass of either, transitively.
export function isSubformat(ontology: FormatOntology, actual: string, accepted: string): boolean {
  const seen = new Set<string>();
  const queue = [actual];
  while (queue.length > 0) {
    const format = queue.pop()!;
    if (format === accepted) return true;
    if (seen.has(format)) continue;
    seen.add(format);
    queue.push(...(ontology.broader.get(format) ?? []), ...(ontology.same.get(format) ?? []));
  }
  return false;
}

// subClassOf and equivalentClass statements of the owl:Class elements of an RDF/XML document.
function rdfXmlTriples(text: string): Array<readonly [string, string, string]> {
  const entities = new Map<string, string>();
  for (const match of text.matchAll(/<!ENTITY\s+(\S+)\s+"([^"]*)"\s*>/g)) entities.set(match[1]!, match[2]!);
  const expand = (iri: string): string =>
    iri.replace(/&([\w.-]+);/g, (whole, name: string) => entities.get(name) ?? whole);
  const out: Array<readonly [string, string, string]> = [];
  for (const block of text.matchAll(/<owl:Class\s+rdf:about="([^"]+)"\s*>([\s\S]*?)<\/owl:Class>/g)) {
    const subject = expand(block[1]!);
    for (const relation of block[2]!.matchAll(
      /<(rdfs:subClassOf|owl:equivalentClass)\s+rdf:resource="([^"]+)"\s*\/>/g,
    )) {
      out.push([subject, relation[1] === 'rdfs:subClassOf' ? SUBCLASS : EQUIVALENT, expand(relation[2]!)]);
    }
  }
  return out;
}

// The triples of a simple Turtle document: `@prefix` lines and `subject predicate object .` statements.
function turtleTriples(text: string): Array<readonly [string, string, string]> {
  const prefixes = new Map<string, string>();
  const out: Array<readonly [string, string, string]> = [];
  const iri = (term: string): string => {
    if (term.startsWith('<') && term.endsWith('>')) return term.slice(1, -1);
    const colon = term.indexOf(':');
    const base = colon < 0 ? undefined : prefixes.get(term.slice(0, colon));
    return base === undefined ? term : base + term.slice(colon + 1);
  };
  for (const statement of text.split(/\s\.\s*(?:\n|$)/)) {
    const line = statement.replace(/#[^\n>]*$/gm, '').trim();
    const prefix = /^@prefix\s+([\w-]*):\s*<([^>]*)>/.exec(line);
    if (prefix !== null) {
      prefixes.set(prefix[1]!, prefix[2]!);
      continue;
    }
    const terms = line.split(/\s+/);
    if (terms.length === 3) out.push([iri(terms[0]!), iri(terms[1]!), iri(terms[2]!)]);
  }
  return out;
}
