export function greet(greeting) {
  return `${greeting}, kitwasm!`;
}
