// Moved to engine/text/ so that backends (option errors) and parsers share one copy; parsers' imports stay here.
export * from '../../engine/text/edit-distance.js';
