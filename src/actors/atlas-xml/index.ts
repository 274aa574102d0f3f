export {
  type ApplyOptions,
  type AtlasPreview,
  applyAtlas,
  atlasHolds,
  findAtlasXml,
  previewAtlas,
} from './atlas.js';
export {
  type AtlasDocument,
  type AtlasEntry,
  type AtlasProblem,
  parseAtlas,
  readAtlas,
  type UseLogin,
} from './document.js';
export { type AtlasChange, type AtlasEdit, validateEdit, windowsLogin } from './edit.js';
export { atlasEffects } from './effects.js';
export type { WriteHook } from './write.js';
