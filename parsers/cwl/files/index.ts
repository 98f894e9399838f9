export { CONTENTS_LIMIT_BYTES, readContents, sha1Checksum, sha1OfText } from './contents.js';
export { CwlFileError } from './errors.js';
export {
  completeDirectory,
  completeFile,
  completeFileAt,
  completeFileOrDirectory,
  isDirectory,
  isFile,
  isLiteral,
  listDirectory,
  localPath,
} from './file-object.js';
export type { CompleteOptions, CwlFileOrDirectory } from './file-object.js';
export { checkFormat, expandFormat, formatMatches } from './format.js';
export { isSubformat, loadFormatOntology } from './format-ontology.js';
export type { FormatOntology } from './format-ontology.js';
export { materializeLiteral } from './literal.js';
export {
  basenameOf,
  dirnameOf,
  isLiteralLocation,
  locationFromPath,
  pathFromLocation,
  splitBasename,
} from './location.js';
export { misplacedOutput, outputPlaces } from './output-places.js';
export type { OutputPlaces } from './output-places.js';
export { resolveSecondaryFiles, substituteSuffix } from './secondary-files.js';
export type { SecondaryFilesContext } from './secondary-files.js';
export { forEachFileObject, mapFileObjects } from './walk.js';
