// The checks moved to core so that every product's client shares them; SMS modules keep this import path.
export { checkOutId, defined, intParam, required, type TemplateParams, templateParamJson } from '../core/params.js';
