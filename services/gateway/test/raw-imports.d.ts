// Fixture files are imported as text (`?raw`), exactly as a user would upload them.
declare module '*?raw' {
  const text: string;
  export default text;
}
