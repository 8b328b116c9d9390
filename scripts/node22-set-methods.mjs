// Node 22 Set methods (union, intersection, …) for i18next-cli, whose releases all need Node >= 22;
// loaded only by the benchmark with `node --import` so the comparison can run on this Node 20 machine.
const define = (name, fn) => { if (!Set.prototype[name]) Object.defineProperty(Set.prototype, name, { value: fn, writable: true, configurable: true }); };
define('union', function (other) { const out = new Set(this); for (const v of other.keys()) out.add(v); return out; });
define('intersection', function (other) { const out = new Set(); for (const v of this) if (other.has(v)) out.add(v); return out; });
define('difference', function (other) { const out = new Set(); for (const v of this) if (!other.has(v)) out.add(v); return out; });
define('symmetricDifference', function (other) { const out = new Set(this); for (const v of other.keys()) out.has(v) ? out.delete(v) : out.add(v); return out; });
define('isSubsetOf', function (other) { for (const v of this) if (!other.has(v)) return false; return true; });
define('isSupersetOf', function (other) { for (const v of other.keys()) if (!this.has(v)) return false; return true; });
define('isDisjointFrom', function (other) { for (const v of this) if (other.has(v)) return false; return true; });
