/** Parsers for the messages Kubernetes components write, pure and typed: text in, codes and quoted values out. */
export * from './admission';
export * from './controllers';
export * from './image-ref';
export * from './kubelet';
export * from './scheduler';
export * from './kubelet-admit';
export * from './namespace';
export * from './load-balancer';
export * from './volume-mount';
export * from './eviction';
export * from './container-setup';
