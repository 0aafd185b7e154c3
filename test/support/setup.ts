// Loaded for every Vitest file. jest-dom matchers are harmless under the node environment;
// component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
import '@testing-library/jest-dom/vitest';
