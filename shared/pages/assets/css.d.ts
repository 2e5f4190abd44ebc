/** Stylesheets imported as text (esbuild's `text` loader in the Lambda bundle; see functions/serve-asset.ts). */
declare module '*.css' {
  const text: string;
  export default text;
}
