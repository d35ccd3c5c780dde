export * from './lib/framework-stream';
export * from './lib/seed-default-catalogue';
export * from './lib/outcome-framework-feature.module';
export * from './lib/publish-definition/publish-definition.command';
export * from './lib/retire-definition/retire-definition.command';
export * from './lib/request-validation';
export * from './lib/publish-definition/publish-definition.dto';
export * from './lib/retire-definition/retire-definition.dto';
