/** `import css from './x.inline-css'`: the stylesheet, minified, as a string (scripts/inline-css-loader.cjs). */
declare module '*.inline-css' {
  const css: string
  export default css
}
