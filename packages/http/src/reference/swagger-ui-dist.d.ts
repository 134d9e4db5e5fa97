// swagger-ui-dist ships no types; this is the one function the reference page uses.
declare module 'swagger-ui-dist/absolute-path.js' {
  /** The directory the Swagger UI assets are in (Node only). */
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
