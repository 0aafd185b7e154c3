/** Activation knowledge as data: the public API of shared/knowledge. */
export * from './sources';
export * from './products';
export * from './hresult';
export * from './errors';
export * from './explain';
export * from './gvlk';
export * from './avma';
export * from './kms';
export * from './azure';
export * from './licensing';
export * from './product-key';
export * from './office';
