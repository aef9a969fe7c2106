// Fixtures are imported as text (`?raw`) so their numbers reach the parser exactly as written.
declare module '*?raw' {
  const text: string;
  export default text;
}
