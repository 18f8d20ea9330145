#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2463:
/***/ ((module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
const core_1 = __nccwpck_require__(3893);
const draft7_1 = __nccwpck_require__(9941);
const discriminator_1 = __nccwpck_require__(8886);
const draft7MetaSchema = __nccwpck_require__(2079);
const META_SUPPORT_DATA = ["/properties"];
const META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
class Ajv extends core_1.default {
    _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
            this.addKeyword(discriminator_1.default);
    }
    _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
            return;
        const metaSchema = this.opts.$data
            ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA)
            : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
    }
    defaultMeta() {
        return (this.opts.defaultMeta =
            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
    }
}
exports.Ajv = Ajv;
module.exports = exports = Ajv;
module.exports.Ajv = Ajv;
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports["default"] = Ajv;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
var validation_error_1 = __nccwpck_require__(3021);
Object.defineProperty(exports, "ValidationError", ({ enumerable: true, get: function () { return validation_error_1.default; } }));
var ref_error_1 = __nccwpck_require__(3162);
Object.defineProperty(exports, "MissingRefError", ({ enumerable: true, get: function () { return ref_error_1.default; } }));
//# sourceMappingURL=ajv.js.map

/***/ }),

/***/ 567:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
// eslint-disable-next-line @typescript-eslint/no-extraneous-class
class _CodeOrName {
}
exports._CodeOrName = _CodeOrName;
exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
class Name extends _CodeOrName {
    constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
            throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        return false;
    }
    get names() {
        return { [this.str]: 1 };
    }
}
exports.Name = Name;
class _Code extends _CodeOrName {
    constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        if (this._items.length > 1)
            return false;
        const item = this._items[0];
        return item === "" || item === '""';
    }
    get str() {
        var _a;
        return ((_a = this._str) !== null && _a !== void 0 ? _a : (this._str = this._items.reduce((s, c) => `${s}${c}`, "")));
    }
    get names() {
        var _a;
        return ((_a = this._names) !== null && _a !== void 0 ? _a : (this._names = this._items.reduce((names, c) => {
            if (c instanceof Name)
                names[c.str] = (names[c.str] || 0) + 1;
            return names;
        }, {})));
    }
}
exports._Code = _Code;
exports.nil = new _Code("");
function _(strs, ...args) {
    const code = [strs[0]];
    let i = 0;
    while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
    }
    return new _Code(code);
}
exports._ = _;
const plus = new _Code("+");
function str(strs, ...args) {
    const expr = [safeStringify(strs[0])];
    let i = 0;
    while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
    }
    optimize(expr);
    return new _Code(expr);
}
exports.str = str;
function addCodeArg(code, arg) {
    if (arg instanceof _Code)
        code.push(...arg._items);
    else if (arg instanceof Name)
        code.push(arg);
    else
        code.push(interpolate(arg));
}
exports.addCodeArg = addCodeArg;
function optimize(expr) {
    let i = 1;
    while (i < expr.length - 1) {
        if (expr[i] === plus) {
            const res = mergeExprItems(expr[i - 1], expr[i + 1]);
            if (res !== undefined) {
                expr.splice(i - 1, 3, res);
                continue;
            }
            expr[i++] = "+";
        }
        i++;
    }
}
function mergeExprItems(a, b) {
    if (b === '""')
        return a;
    if (a === '""')
        return b;
    if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
            return;
        if (typeof b != "string")
            return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
            return a.slice(0, -1) + b.slice(1);
        return;
    }
    if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
    return;
}
function strConcat(c1, c2) {
    return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str `${c1}${c2}`;
}
exports.strConcat = strConcat;
// TODO do not allow arrays here
function interpolate(x) {
    return typeof x == "number" || typeof x == "boolean" || x === null
        ? x
        : safeStringify(Array.isArray(x) ? x.join(",") : x);
}
function stringify(x) {
    return new _Code(safeStringify(x));
}
exports.stringify = stringify;
function safeStringify(x) {
    return JSON.stringify(x)
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}
exports.safeStringify = safeStringify;
function getProperty(key) {
    return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _ `[${key}]`;
}
exports.getProperty = getProperty;
//Does best effort to format the name properly
function getEsmExportName(key) {
    if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
    }
    throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
}
exports.getEsmExportName = getEsmExportName;
function regexpCode(rx) {
    return new _Code(rx.toString());
}
exports.regexpCode = regexpCode;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 1436:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
const code_1 = __nccwpck_require__(567);
const scope_1 = __nccwpck_require__(7788);
var code_2 = __nccwpck_require__(567);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return code_2._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return code_2.str; } }));
Object.defineProperty(exports, "strConcat", ({ enumerable: true, get: function () { return code_2.strConcat; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return code_2.nil; } }));
Object.defineProperty(exports, "getProperty", ({ enumerable: true, get: function () { return code_2.getProperty; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return code_2.stringify; } }));
Object.defineProperty(exports, "regexpCode", ({ enumerable: true, get: function () { return code_2.regexpCode; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return code_2.Name; } }));
var scope_2 = __nccwpck_require__(7788);
Object.defineProperty(exports, "Scope", ({ enumerable: true, get: function () { return scope_2.Scope; } }));
Object.defineProperty(exports, "ValueScope", ({ enumerable: true, get: function () { return scope_2.ValueScope; } }));
Object.defineProperty(exports, "ValueScopeName", ({ enumerable: true, get: function () { return scope_2.ValueScopeName; } }));
Object.defineProperty(exports, "varKinds", ({ enumerable: true, get: function () { return scope_2.varKinds; } }));
exports.operators = {
    GT: new code_1._Code(">"),
    GTE: new code_1._Code(">="),
    LT: new code_1._Code("<"),
    LTE: new code_1._Code("<="),
    EQ: new code_1._Code("==="),
    NEQ: new code_1._Code("!=="),
    NOT: new code_1._Code("!"),
    OR: new code_1._Code("||"),
    AND: new code_1._Code("&&"),
    ADD: new code_1._Code("+"),
};
class Node {
    optimizeNodes() {
        return this;
    }
    optimizeNames(_names, _constants) {
        return this;
    }
}
class Def extends Node {
    constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
    }
    render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === undefined ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (!names[this.name.str])
            return;
        if (this.rhs)
            this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
    }
}
class Assign extends Node {
    constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
    }
    render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
            return;
        this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
    }
}
class AssignOp extends Assign {
    constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
    }
    render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
    }
}
class Label extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        return `${this.label}:` + _n;
    }
}
class Break extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
    }
}
class Throw extends Node {
    constructor(error) {
        super();
        this.error = error;
    }
    render({ _n }) {
        return `throw ${this.error};` + _n;
    }
    get names() {
        return this.error.names;
    }
}
class AnyCode extends Node {
    constructor(code) {
        super();
        this.code = code;
    }
    render({ _n }) {
        return `${this.code};` + _n;
    }
    optimizeNodes() {
        return `${this.code}` ? this : undefined;
    }
    optimizeNames(names, constants) {
        this.code = optimizeExpr(this.code, names, constants);
        return this;
    }
    get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
    }
}
class ParentNode extends Node {
    constructor(nodes = []) {
        super();
        this.nodes = nodes;
    }
    render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
    }
    optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            const n = nodes[i].optimizeNodes();
            if (Array.isArray(n))
                nodes.splice(i, 1, ...n);
            else if (n)
                nodes[i] = n;
            else
                nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    optimizeNames(names, constants) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            // iterating backwards improves 1-pass optimization
            const n = nodes[i];
            if (n.optimizeNames(names, constants))
                continue;
            subtractNames(names, n.names);
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
    }
}
class BlockNode extends ParentNode {
    render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
    }
}
class Root extends ParentNode {
}
class Else extends BlockNode {
}
Else.kind = "else";
class If extends BlockNode {
    constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
    }
    render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
            code += "else " + this.else.render(opts);
        return code;
    }
    optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
            return this.nodes; // else is ignored here
        let e = this.else;
        if (e) {
            const ns = e.optimizeNodes();
            e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
            if (cond === false)
                return e instanceof If ? e : e.nodes;
            if (this.nodes.length)
                return this;
            return new If(not(cond), e instanceof If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
            return undefined;
        return this;
    }
    optimizeNames(names, constants) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        if (!(super.optimizeNames(names, constants) || this.else))
            return;
        this.condition = optimizeExpr(this.condition, names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
            addNames(names, this.else.names);
        return names;
    }
}
If.kind = "if";
class For extends BlockNode {
}
For.kind = "for";
class ForLoop extends For {
    constructor(iteration) {
        super();
        this.iteration = iteration;
    }
    render(opts) {
        return `for(${this.iteration})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iteration = optimizeExpr(this.iteration, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iteration.names);
    }
}
class ForRange extends For {
    constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
    }
    render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
    }
    get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
    }
}
class ForIter extends For {
    constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
    }
    render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iterable = optimizeExpr(this.iterable, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iterable.names);
    }
}
class Func extends BlockNode {
    constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
    }
    render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
    }
}
Func.kind = "func";
class Return extends ParentNode {
    render(opts) {
        return "return " + super.render(opts);
    }
}
Return.kind = "return";
class Try extends BlockNode {
    render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
            code += this.catch.render(opts);
        if (this.finally)
            code += this.finally.render(opts);
        return code;
    }
    optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
    }
    optimizeNames(names, constants) {
        var _a, _b;
        super.optimizeNames(names, constants);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        if (this.catch)
            addNames(names, this.catch.names);
        if (this.finally)
            addNames(names, this.finally.names);
        return names;
    }
}
class Catch extends BlockNode {
    constructor(error) {
        super();
        this.error = error;
    }
    render(opts) {
        return `catch(${this.error})` + super.render(opts);
    }
}
Catch.kind = "catch";
class Finally extends BlockNode {
    render(opts) {
        return "finally" + super.render(opts);
    }
}
Finally.kind = "finally";
class CodeGen {
    constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
    }
    toString() {
        return this._root.render(this.opts);
    }
    // returns unique name in the internal scope
    name(prefix) {
        return this._scope.name(prefix);
    }
    // reserves unique name in the external scope
    scopeName(prefix) {
        return this._extScope.name(prefix);
    }
    // reserves unique name in the external scope and assigns value to it
    scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = new Set());
        vs.add(name);
        return name;
    }
    getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
    }
    // return code that assigns values in the external scope to the names that are used internally
    // (same names that were returned by gen.scopeName or gen.scopeValue)
    scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
    }
    scopeCode() {
        return this._extScope.scopeCode(this._values);
    }
    _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== undefined && constant)
            this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
    }
    // `const` declaration (`var` in es5 mode)
    const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
    }
    // `let` declaration with optional assignment (`var` in es5 mode)
    let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
    }
    // `var` declaration with optional assignment
    var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
    }
    // assignment code
    assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
    }
    // `+=` code
    add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
    }
    // appends passed SafeExpr to code or executes Block
    code(c) {
        if (typeof c == "function")
            c();
        else if (c !== code_1.nil)
            this._leafNode(new AnyCode(c));
        return this;
    }
    // returns code for object literal for the passed argument list of key-value pairs
    object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
            if (code.length > 1)
                code.push(",");
            code.push(key);
            if (key !== value || this.opts.es5) {
                code.push(":");
                (0, code_1.addCodeArg)(code, value);
            }
        }
        code.push("}");
        return new code_1._Code(code);
    }
    // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
    if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
            this.code(thenBody).else().code(elseBody).endIf();
        }
        else if (thenBody) {
            this.code(thenBody).endIf();
        }
        else if (elseBody) {
            throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
    }
    // `else if` clause - invalid without `if` or after `else` clauses
    elseIf(condition) {
        return this._elseNode(new If(condition));
    }
    // `else` clause - only valid after `if` or `else if` clauses
    else() {
        return this._elseNode(new Else());
    }
    // end `if` statement (needed if gen.if was used only with condition)
    endIf() {
        return this._endBlockNode(If, Else);
    }
    _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
            this.code(forBody).endFor();
        return this;
    }
    // a generic `for` clause (or statement if `forBody` is passed)
    for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
    }
    // `for` statement for a range of values
    forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
    }
    // `for-of` statement (in es5 mode replace with a normal for loop)
    forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
            const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
            return this.forRange("_i", 0, (0, code_1._) `${arr}.length`, (i) => {
                this.var(name, (0, code_1._) `${arr}[${i}]`);
                forBody(name);
            });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
    }
    // `for-in` statement.
    // With option `ownProperties` replaced with a `for-of` loop for object keys
    forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
            return this.forOf(nameOrPrefix, (0, code_1._) `Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
    }
    // end `for` loop
    endFor() {
        return this._endBlockNode(For);
    }
    // `label` statement
    label(label) {
        return this._leafNode(new Label(label));
    }
    // `break` statement
    break(label) {
        return this._leafNode(new Break(label));
    }
    // `return` statement
    return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
            throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
    }
    // `try` statement
    try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
            throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
            const error = this.name("e");
            this._currNode = node.catch = new Catch(error);
            catchCode(error);
        }
        if (finallyCode) {
            this._currNode = node.finally = new Finally();
            this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
    }
    // `throw` statement
    throw(error) {
        return this._leafNode(new Throw(error));
    }
    // start self-balancing block
    block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
            this.code(body).endBlock(nodeCount);
        return this;
    }
    // end the current self-balancing block
    endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === undefined)
            throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || (nodeCount !== undefined && toClose !== nodeCount)) {
            throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
    }
    // `function` heading (or definition if funcBody is passed)
    func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
            this.code(funcBody).endFunc();
        return this;
    }
    // end function definition
    endFunc() {
        return this._endBlockNode(Func);
    }
    optimize(n = 1) {
        while (n-- > 0) {
            this._root.optimizeNodes();
            this._root.optimizeNames(this._root.names, this._constants);
        }
    }
    _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
    }
    _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
    }
    _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || (N2 && n instanceof N2)) {
            this._nodes.pop();
            return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
    }
    _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
            throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
    }
    get _root() {
        return this._nodes[0];
    }
    get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
    }
    set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
    }
}
exports.CodeGen = CodeGen;
function addNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
    return names;
}
function addExprNames(names, from) {
    return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
}
function optimizeExpr(expr, names, constants) {
    if (expr instanceof code_1.Name)
        return replaceName(expr);
    if (!canOptimize(expr))
        return expr;
    return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
            c = replaceName(c);
        if (c instanceof code_1._Code)
            items.push(...c._items);
        else
            items.push(c);
        return items;
    }, []));
    function replaceName(n) {
        const c = constants[n.str];
        if (c === undefined || names[n.str] !== 1)
            return n;
        delete names[n.str];
        return c;
    }
    function canOptimize(e) {
        return (e instanceof code_1._Code &&
            e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== undefined));
    }
}
function subtractNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
}
function not(x) {
    return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._) `!${par(x)}`;
}
exports.not = not;
const andCode = mappend(exports.operators.AND);
// boolean AND (&&) expression with the passed arguments
function and(...args) {
    return args.reduce(andCode);
}
exports.and = and;
const orCode = mappend(exports.operators.OR);
// boolean OR (||) expression with the passed arguments
function or(...args) {
    return args.reduce(orCode);
}
exports.or = or;
function mappend(op) {
    return (x, y) => (x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._) `${par(x)} ${op} ${par(y)}`);
}
function par(x) {
    return x instanceof code_1.Name ? x : (0, code_1._) `(${x})`;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
const code_1 = __nccwpck_require__(567);
class ValueError extends Error {
    constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
    }
}
var UsedValueState;
(function (UsedValueState) {
    UsedValueState[UsedValueState["Started"] = 0] = "Started";
    UsedValueState[UsedValueState["Completed"] = 1] = "Completed";
})(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
exports.varKinds = {
    const: new code_1.Name("const"),
    let: new code_1.Name("let"),
    var: new code_1.Name("var"),
};
class Scope {
    constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
    }
    toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
    }
    name(prefix) {
        return new code_1.Name(this._newName(prefix));
    }
    _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
    }
    _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || (this._prefixes && !this._prefixes.has(prefix))) {
            throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return (this._names[prefix] = { prefix, index: 0 });
    }
}
exports.Scope = Scope;
class ValueScopeName extends code_1.Name {
    constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
    }
    setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._) `.${new code_1.Name(property)}[${itemIndex}]`;
    }
}
exports.ValueScopeName = ValueScopeName;
const line = (0, code_1._) `\n`;
class ValueScope extends Scope {
    constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
    }
    get() {
        return this._scope;
    }
    name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
    }
    value(nameOrPrefix, value) {
        var _a;
        if (value.ref === undefined)
            throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
            const _name = vs.get(valueKey);
            if (_name)
                return _name;
        }
        else {
            vs = this._values[prefix] = new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
    }
    getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
            return;
        return vs.get(keyOrRef);
    }
    scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
            if (name.scopePath === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return (0, code_1._) `${scopeName}${name.scopePath}`;
        });
    }
    scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
            if (name.value === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return name.value.code;
        }, usedValues, getCode);
    }
    _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
            const vs = values[prefix];
            if (!vs)
                continue;
            const nameSet = (usedValues[prefix] = usedValues[prefix] || new Map());
            vs.forEach((name) => {
                if (nameSet.has(name))
                    return;
                nameSet.set(name, UsedValueState.Started);
                let c = valueCode(name);
                if (c) {
                    const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
                    code = (0, code_1._) `${code}${def} ${name} = ${c};${this.opts._n}`;
                }
                else if ((c = getCode === null || getCode === void 0 ? void 0 : getCode(name))) {
                    code = (0, code_1._) `${code}${c}${this.opts._n}`;
                }
                else {
                    throw new ValueError(name);
                }
                nameSet.set(name, UsedValueState.Completed);
            });
        }
        return code;
    }
}
exports.ValueScope = ValueScope;
//# sourceMappingURL=scope.js.map

/***/ }),

/***/ 1283:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
exports.keywordError = {
    message: ({ keyword }) => (0, codegen_1.str) `must pass "${keyword}" keyword validation`,
};
exports.keyword$DataError = {
    message: ({ keyword, schemaType }) => schemaType
        ? (0, codegen_1.str) `"${keyword}" keyword must be ${schemaType} ($data)`
        : (0, codegen_1.str) `"${keyword}" keyword is invalid ($data)`,
};
function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : (compositeRule || allErrors)) {
        addError(gen, errObj);
    }
    else {
        returnErrors(it, (0, codegen_1._) `[${errObj}]`);
    }
}
exports.reportError = reportError;
function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    addError(gen, errObj);
    if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
    }
}
exports.reportExtraError = reportExtraError;
function resetErrorsCount(gen, errsCount) {
    gen.assign(names_1.default.errors, errsCount);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._) `${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
}
exports.resetErrorsCount = resetErrorsCount;
function extendErrors({ gen, keyword, schemaValue, data, errsCount, it, }) {
    /* istanbul ignore if */
    if (errsCount === undefined)
        throw new Error("ajv implementation error");
    const err = gen.name("err");
    gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._) `${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._) `${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._) `${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._) `${err}.schemaPath`, (0, codegen_1.str) `${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
            gen.assign((0, codegen_1._) `${err}.schema`, schemaValue);
            gen.assign((0, codegen_1._) `${err}.data`, data);
        }
    });
}
exports.extendErrors = extendErrors;
function addError(gen, errObj) {
    const err = gen.const("err", errObj);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._) `[${err}]`), (0, codegen_1._) `${names_1.default.vErrors}.push(${err})`);
    gen.code((0, codegen_1._) `${names_1.default.errors}++`);
}
function returnErrors(it, errs) {
    const { gen, validateName, schemaEnv } = it;
    if (schemaEnv.$async) {
        gen.throw((0, codegen_1._) `new ${it.ValidationError}(${errs})`);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, errs);
        gen.return(false);
    }
}
const E = {
    keyword: new codegen_1.Name("keyword"),
    schemaPath: new codegen_1.Name("schemaPath"), // also used in JTD errors
    params: new codegen_1.Name("params"),
    propertyName: new codegen_1.Name("propertyName"),
    message: new codegen_1.Name("message"),
    schema: new codegen_1.Name("schema"),
    parentSchema: new codegen_1.Name("parentSchema"),
};
function errorObjectCode(cxt, error, errorPaths) {
    const { createErrors } = cxt.it;
    if (createErrors === false)
        return (0, codegen_1._) `{}`;
    return errorObject(cxt, error, errorPaths);
}
function errorObject(cxt, error, errorPaths = {}) {
    const { gen, it } = cxt;
    const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths),
    ];
    extraErrorProps(cxt, error, keyValues);
    return gen.object(...keyValues);
}
function errorInstancePath({ errorPath }, { instancePath }) {
    const instPath = instancePath
        ? (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}`
        : errorPath;
    return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
}
function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
    let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str) `${errSchemaPath}/${keyword}`;
    if (schemaPath) {
        schPath = (0, codegen_1.str) `${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
    }
    return [E.schemaPath, schPath];
}
function extraErrorProps(cxt, { params, message }, keyValues) {
    const { keyword, data, schemaValue, it } = cxt;
    const { opts, propertyName, topSchemaRef, schemaPath } = it;
    keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._) `{}`]);
    if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
    }
    if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._) `${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
    }
    if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
}
//# sourceMappingURL=errors.js.map

/***/ }),

/***/ 2718:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
const codegen_1 = __nccwpck_require__(1436);
const validation_error_1 = __nccwpck_require__(3021);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const validate_1 = __nccwpck_require__(7881);
class SchemaEnv {
    constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
            schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
    }
}
exports.SchemaEnv = SchemaEnv;
// let codeSize = 0
// let nodeCount = 0
// Compiles schema in SchemaEnv
function compileSchema(sch) {
    // TODO refactor - remove compilations
    const _sch = getCompilingSchema.call(this, sch);
    if (_sch)
        return _sch;
    const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId); // TODO if getFullPath removed 1 tests fails
    const { es5, lines } = this.opts.code;
    const { ownProperties } = this.opts;
    const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
    let _ValidationError;
    if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
            ref: validation_error_1.default,
            code: (0, codegen_1._) `require("ajv/dist/runtime/validation_error").default`,
        });
    }
    const validateName = gen.scopeName("validate");
    sch.validateName = validateName;
    const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil], // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true
            ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) }
            : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._) `""`,
        opts: this.opts,
        self: this,
    };
    let sourceCode;
    try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        // gen.optimize(1)
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        // console.log((codeSize += sourceCode.length), (nodeCount += gen.nodeCount))
        if (this.opts.code.process)
            sourceCode = this.opts.code.process(sourceCode, sch);
        // console.log("\n\n\n *** \n", sourceCode)
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
            validate.$async = true;
        if (this.opts.code.source === true) {
            validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
            const { props, items } = schemaCxt;
            validate.evaluated = {
                props: props instanceof codegen_1.Name ? undefined : props,
                items: items instanceof codegen_1.Name ? undefined : items,
                dynamicProps: props instanceof codegen_1.Name,
                dynamicItems: items instanceof codegen_1.Name,
            };
            if (validate.source)
                validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
    }
    catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
            this.logger.error("Error compiling schema, function code:", sourceCode);
        // console.log("\n\n\n *** \n", sourceCode, this.opts)
        throw e;
    }
    finally {
        this._compilations.delete(sch);
    }
}
exports.compileSchema = compileSchema;
function resolveRef(root, baseId, ref) {
    var _a;
    ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
    const schOrFunc = root.refs[ref];
    if (schOrFunc)
        return schOrFunc;
    let _sch = resolve.call(this, root, ref);
    if (_sch === undefined) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref]; // TODO maybe localRefs should hold SchemaEnv
        const { schemaId } = this.opts;
        if (schema)
            _sch = new SchemaEnv({ schema, schemaId, root, baseId });
    }
    if (_sch === undefined)
        return;
    return (root.refs[ref] = inlineOrCompile.call(this, _sch));
}
exports.resolveRef = resolveRef;
function inlineOrCompile(sch) {
    if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
    return sch.validate ? sch : compileSchema.call(this, sch);
}
// Index of schema compilation in the currently compiled list
function getCompilingSchema(schEnv) {
    for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
            return sch;
    }
}
exports.getCompilingSchema = getCompilingSchema;
function sameSchemaEnv(s1, s2) {
    return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
}
// resolve and compile the references ($ref)
// TODO returns AnySchemaObject (if the schema can be inlined) or validation function
function resolve(root, // information about the root schema for the current schema
ref // reference to resolve
) {
    let sch;
    while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
    return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
}
// Resolve schema, its root and baseId
function resolveSchema(root, // root object with properties schema, refs TODO below SchemaEnv is assigned to it
ref // reference to resolve
) {
    const p = this.opts.uriResolver.parse(ref);
    const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
    let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, undefined);
    // TODO `Object.keys(root.schema).length > 0` should not be needed - but removing breaks 2 tests
    if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
    }
    const id = (0, resolve_1.normalizeId)(refPath);
    const schOrRef = this.refs[id] || this.schemas[id];
    if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
            return;
        return getJsonPointer.call(this, p, sch);
    }
    if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
    if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
    if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
    }
    return getJsonPointer.call(this, p, schOrRef);
}
exports.resolveSchema = resolveSchema;
const PREVENT_SCOPE_CHANGE = new Set([
    "properties",
    "patternProperties",
    "enum",
    "dependencies",
    "definitions",
]);
function getJsonPointer(parsedRef, { baseId, schema, root }) {
    var _a;
    if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
    for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
            return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === undefined)
            return;
        schema = partSchema;
        // TODO PREVENT_SCOPE_CHANGE could be defined in keyword def?
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
    }
    let env;
    if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
    }
    // even though resolution failed we need to return SchemaEnv to throw exception
    // so that compileAsync loads missing schema.
    const { schemaId } = this.opts;
    env = env || new SchemaEnv({ schema, schemaId, root, baseId });
    if (env.schema !== env.root.schema)
        return env;
    return undefined;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 630:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const names = {
    // validation function arguments
    data: new codegen_1.Name("data"), // data passed to validation function
    // args passed from referencing schema
    valCxt: new codegen_1.Name("valCxt"), // validation/data context - should not be used directly, it is destructured to the names below
    instancePath: new codegen_1.Name("instancePath"),
    parentData: new codegen_1.Name("parentData"),
    parentDataProperty: new codegen_1.Name("parentDataProperty"),
    rootData: new codegen_1.Name("rootData"), // root data - same as the data passed to the first/top validation function
    dynamicAnchors: new codegen_1.Name("dynamicAnchors"), // used to support recursiveRef and dynamicRef
    // function scoped variables
    vErrors: new codegen_1.Name("vErrors"), // null or array of validation errors
    errors: new codegen_1.Name("errors"), // counter of validation errors
    this: new codegen_1.Name("this"),
    // "globals"
    self: new codegen_1.Name("self"),
    scope: new codegen_1.Name("scope"),
    // JTD serialize/parse name for JSON string and position
    json: new codegen_1.Name("json"),
    jsonPos: new codegen_1.Name("jsonPos"),
    jsonLen: new codegen_1.Name("jsonLen"),
    jsonPart: new codegen_1.Name("jsonPart"),
};
exports["default"] = names;
//# sourceMappingURL=names.js.map

/***/ }),

/***/ 3162:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const resolve_1 = __nccwpck_require__(4090);
class MissingRefError extends Error {
    constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
    }
}
exports["default"] = MissingRefError;
//# sourceMappingURL=ref_error.js.map

/***/ }),

/***/ 4090:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
const util_1 = __nccwpck_require__(4464);
const equal = __nccwpck_require__(3430);
const traverse = __nccwpck_require__(1167);
// TODO refactor to use keyword definitions
const SIMPLE_INLINED = new Set([
    "type",
    "format",
    "pattern",
    "maxLength",
    "minLength",
    "maxProperties",
    "minProperties",
    "maxItems",
    "minItems",
    "maximum",
    "minimum",
    "uniqueItems",
    "multipleOf",
    "required",
    "enum",
    "const",
]);
function inlineRef(schema, limit = true) {
    if (typeof schema == "boolean")
        return true;
    if (limit === true)
        return !hasRef(schema);
    if (!limit)
        return false;
    return countKeys(schema) <= limit;
}
exports.inlineRef = inlineRef;
const REF_KEYWORDS = new Set([
    "$ref",
    "$recursiveRef",
    "$recursiveAnchor",
    "$dynamicRef",
    "$dynamicAnchor",
]);
function hasRef(schema) {
    for (const key in schema) {
        if (REF_KEYWORDS.has(key))
            return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
            return true;
        if (typeof sch == "object" && hasRef(sch))
            return true;
    }
    return false;
}
function countKeys(schema) {
    let count = 0;
    for (const key in schema) {
        if (key === "$ref")
            return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
            continue;
        if (typeof schema[key] == "object") {
            (0, util_1.eachItem)(schema[key], (sch) => (count += countKeys(sch)));
        }
        if (count === Infinity)
            return Infinity;
    }
    return count;
}
function getFullPath(resolver, id = "", normalize) {
    if (normalize !== false)
        id = normalizeId(id);
    const p = resolver.parse(id);
    return _getFullPath(resolver, p);
}
exports.getFullPath = getFullPath;
function _getFullPath(resolver, p) {
    const serialized = resolver.serialize(p);
    return serialized.split("#")[0] + "#";
}
exports._getFullPath = _getFullPath;
const TRAILING_SLASH_HASH = /#\/?$/;
function normalizeId(id) {
    return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
}
exports.normalizeId = normalizeId;
function resolveUrl(resolver, baseId, id) {
    id = normalizeId(id);
    return resolver.resolve(baseId, id);
}
exports.resolveUrl = resolveUrl;
const ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
function getSchemaRefs(schema, baseId) {
    if (typeof schema == "boolean")
        return {};
    const { schemaId, uriResolver } = this.opts;
    const schId = normalizeId(schema[schemaId] || baseId);
    const baseIds = { "": schId };
    const pathPrefix = getFullPath(uriResolver, schId, false);
    const localRefs = {};
    const schemaRefs = new Set();
    traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === undefined)
            return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
            innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
            // eslint-disable-next-line @typescript-eslint/unbound-method
            const _resolve = this.opts.uriResolver.resolve;
            ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
            if (schemaRefs.has(ref))
                throw ambiguos(ref);
            schemaRefs.add(ref);
            let schOrRef = this.refs[ref];
            if (typeof schOrRef == "string")
                schOrRef = this.refs[schOrRef];
            if (typeof schOrRef == "object") {
                checkAmbiguosRef(sch, schOrRef.schema, ref);
            }
            else if (ref !== normalizeId(fullPath)) {
                if (ref[0] === "#") {
                    checkAmbiguosRef(sch, localRefs[ref], ref);
                    localRefs[ref] = sch;
                }
                else {
                    this.refs[ref] = fullPath;
                }
            }
            return ref;
        }
        function addAnchor(anchor) {
            if (typeof anchor == "string") {
                if (!ANCHOR.test(anchor))
                    throw new Error(`invalid anchor "${anchor}"`);
                addRef.call(this, `#${anchor}`);
            }
        }
    });
    return localRefs;
    function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== undefined && !equal(sch1, sch2))
            throw ambiguos(ref);
    }
    function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
    }
}
exports.getSchemaRefs = getSchemaRefs;
//# sourceMappingURL=resolve.js.map

/***/ }),

/***/ 7353:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getRules = exports.isJSONType = void 0;
const _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
const jsonTypes = new Set(_jsonTypes);
function isJSONType(x) {
    return typeof x == "string" && jsonTypes.has(x);
}
exports.isJSONType = isJSONType;
function getRules() {
    const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] },
    };
    return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {},
    };
}
exports.getRules = getRules;
//# sourceMappingURL=rules.js.map

/***/ }),

/***/ 4464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
const codegen_1 = __nccwpck_require__(1436);
const code_1 = __nccwpck_require__(567);
// TODO refactor to use Set
function toHash(arr) {
    const hash = {};
    for (const item of arr)
        hash[item] = true;
    return hash;
}
exports.toHash = toHash;
function alwaysValidSchema(it, schema) {
    if (typeof schema == "boolean")
        return schema;
    if (Object.keys(schema).length === 0)
        return true;
    checkUnknownRules(it, schema);
    return !schemaHasRules(schema, it.self.RULES.all);
}
exports.alwaysValidSchema = alwaysValidSchema;
function checkUnknownRules(it, schema = it.schema) {
    const { opts, self } = it;
    if (!opts.strictSchema)
        return;
    if (typeof schema === "boolean")
        return;
    const rules = self.RULES.keywords;
    for (const key in schema) {
        if (!rules[key])
            checkStrictMode(it, `unknown keyword: "${key}"`);
    }
}
exports.checkUnknownRules = checkUnknownRules;
function schemaHasRules(schema, rules) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (rules[key])
            return true;
    return false;
}
exports.schemaHasRules = schemaHasRules;
function schemaHasRulesButRef(schema, RULES) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (key !== "$ref" && RULES.all[key])
            return true;
    return false;
}
exports.schemaHasRulesButRef = schemaHasRulesButRef;
function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
    if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
            return schema;
        if (typeof schema == "string")
            return (0, codegen_1._) `${schema}`;
    }
    return (0, codegen_1._) `${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
}
exports.schemaRefOrVal = schemaRefOrVal;
function unescapeFragment(str) {
    return unescapeJsonPointer(decodeURIComponent(str));
}
exports.unescapeFragment = unescapeFragment;
function escapeFragment(str) {
    return encodeURIComponent(escapeJsonPointer(str));
}
exports.escapeFragment = escapeFragment;
function escapeJsonPointer(str) {
    if (typeof str == "number")
        return `${str}`;
    return str.replace(/~/g, "~0").replace(/\//g, "~1");
}
exports.escapeJsonPointer = escapeJsonPointer;
function unescapeJsonPointer(str) {
    return str.replace(/~1/g, "/").replace(/~0/g, "~");
}
exports.unescapeJsonPointer = unescapeJsonPointer;
function eachItem(xs, f) {
    if (Array.isArray(xs)) {
        for (const x of xs)
            f(x);
    }
    else {
        f(xs);
    }
}
exports.eachItem = eachItem;
function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName, }) {
    return (gen, from, to, toName) => {
        const res = to === undefined
            ? from
            : to instanceof codegen_1.Name
                ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to)
                : from instanceof codegen_1.Name
                    ? (mergeToName(gen, to, from), from)
                    : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
    };
}
exports.mergeEvaluated = {
    props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => {
            gen.if((0, codegen_1._) `${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._) `${to} || {}`).code((0, codegen_1._) `Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => {
            if (from === true) {
                gen.assign(to, true);
            }
            else {
                gen.assign(to, (0, codegen_1._) `${to} || {}`);
                setEvaluated(gen, to, from);
            }
        }),
        mergeValues: (from, to) => (from === true ? true : { ...from, ...to }),
        resultToName: evaluatedPropsToName,
    }),
    items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._) `${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._) `${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => (from === true ? true : Math.max(from, to)),
        resultToName: (gen, items) => gen.var("items", items),
    }),
};
function evaluatedPropsToName(gen, ps) {
    if (ps === true)
        return gen.var("props", true);
    const props = gen.var("props", (0, codegen_1._) `{}`);
    if (ps !== undefined)
        setEvaluated(gen, props, ps);
    return props;
}
exports.evaluatedPropsToName = evaluatedPropsToName;
function setEvaluated(gen, props, ps) {
    Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._) `${props}${(0, codegen_1.getProperty)(p)}`, true));
}
exports.setEvaluated = setEvaluated;
const snippets = {};
function useFunc(gen, f) {
    return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code)),
    });
}
exports.useFunc = useFunc;
var Type;
(function (Type) {
    Type[Type["Num"] = 0] = "Num";
    Type[Type["Str"] = 1] = "Str";
})(Type || (exports.Type = Type = {}));
function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
    // let path
    if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax
            ? isNumber
                ? (0, codegen_1._) `"[" + ${dataProp} + "]"`
                : (0, codegen_1._) `"['" + ${dataProp} + "']"`
            : isNumber
                ? (0, codegen_1._) `"/" + ${dataProp}`
                : (0, codegen_1._) `"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`; // TODO maybe use global escapePointer
    }
    return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
}
exports.getErrorPath = getErrorPath;
function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
    if (!mode)
        return;
    msg = `strict mode: ${msg}`;
    if (mode === true)
        throw new Error(msg);
    it.self.logger.warn(msg);
}
exports.checkStrictMode = checkStrictMode;
//# sourceMappingURL=util.js.map

/***/ }),

/***/ 7692:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
function schemaHasRulesForType({ schema, self }, type) {
    const group = self.RULES.types[type];
    return group && group !== true && shouldUseGroup(schema, group);
}
exports.schemaHasRulesForType = schemaHasRulesForType;
function shouldUseGroup(schema, group) {
    return group.rules.some((rule) => shouldUseRule(schema, rule));
}
exports.shouldUseGroup = shouldUseGroup;
function shouldUseRule(schema, rule) {
    var _a;
    return (schema[rule.keyword] !== undefined ||
        ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== undefined)));
}
exports.shouldUseRule = shouldUseRule;
//# sourceMappingURL=applicability.js.map

/***/ }),

/***/ 5346:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const boolError = {
    message: "boolean schema is false",
};
function topBoolOrEmptySchema(it) {
    const { gen, schema, validateName } = it;
    if (schema === false) {
        falseSchemaError(it, false);
    }
    else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, null);
        gen.return(true);
    }
}
exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
function boolOrEmptySchema(it, valid) {
    const { gen, schema } = it;
    if (schema === false) {
        gen.var(valid, false); // TODO var
        falseSchemaError(it);
    }
    else {
        gen.var(valid, true); // TODO var
    }
}
exports.boolOrEmptySchema = boolOrEmptySchema;
function falseSchemaError(it, overrideAllErrors) {
    const { gen, data } = it;
    // TODO maybe some other interface should be used for non-keyword validation errors...
    const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it,
    };
    (0, errors_1.reportError)(cxt, boolError, undefined, overrideAllErrors);
}
//# sourceMappingURL=boolSchema.js.map

/***/ }),

/***/ 6685:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
const rules_1 = __nccwpck_require__(7353);
const applicability_1 = __nccwpck_require__(7692);
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
var DataType;
(function (DataType) {
    DataType[DataType["Correct"] = 0] = "Correct";
    DataType[DataType["Wrong"] = 1] = "Wrong";
})(DataType || (exports.DataType = DataType = {}));
function getSchemaTypes(schema) {
    const types = getJSONTypes(schema.type);
    const hasNull = types.includes("null");
    if (hasNull) {
        if (schema.nullable === false)
            throw new Error("type: null contradicts nullable: false");
    }
    else {
        if (!types.length && schema.nullable !== undefined) {
            throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
            types.push("null");
    }
    return types;
}
exports.getSchemaTypes = getSchemaTypes;
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
function getJSONTypes(ts) {
    const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
    if (types.every(rules_1.isJSONType))
        return types;
    throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
}
exports.getJSONTypes = getJSONTypes;
function coerceAndCheckDataType(it, types) {
    const { gen, data, opts } = it;
    const coerceTo = coerceToTypes(types, opts.coerceTypes);
    const checkTypes = types.length > 0 &&
        !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
    if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
            if (coerceTo.length)
                coerceData(it, types, coerceTo);
            else
                reportTypeError(it);
        });
    }
    return checkTypes;
}
exports.coerceAndCheckDataType = coerceAndCheckDataType;
const COERCIBLE = new Set(["string", "number", "integer", "boolean", "null"]);
function coerceToTypes(types, coerceTypes) {
    return coerceTypes
        ? types.filter((t) => COERCIBLE.has(t) || (coerceTypes === "array" && t === "array"))
        : [];
}
function coerceData(it, types, coerceTo) {
    const { gen, data, opts } = it;
    const dataType = gen.let("dataType", (0, codegen_1._) `typeof ${data}`);
    const coerced = gen.let("coerced", (0, codegen_1._) `undefined`);
    if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._) `${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen
            .assign(data, (0, codegen_1._) `${data}[0]`)
            .assign(dataType, (0, codegen_1._) `typeof ${data}`)
            .if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
    }
    gen.if((0, codegen_1._) `${coerced} !== undefined`);
    for (const t of coerceTo) {
        if (COERCIBLE.has(t) || (t === "array" && opts.coerceTypes === "array")) {
            coerceSpecificType(t);
        }
    }
    gen.else();
    reportTypeError(it);
    gen.endIf();
    gen.if((0, codegen_1._) `${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
    });
    function coerceSpecificType(t) {
        switch (t) {
            case "string":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "number" || ${dataType} == "boolean"`)
                    .assign(coerced, (0, codegen_1._) `"" + ${data}`)
                    .elseIf((0, codegen_1._) `${data} === null`)
                    .assign(coerced, (0, codegen_1._) `""`);
                return;
            case "number":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "integer":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "boolean":
                gen
                    .elseIf((0, codegen_1._) `${data} === "false" || ${data} === 0 || ${data} === null`)
                    .assign(coerced, false)
                    .elseIf((0, codegen_1._) `${data} === "true" || ${data} === 1`)
                    .assign(coerced, true);
                return;
            case "null":
                gen.elseIf((0, codegen_1._) `${data} === "" || ${data} === 0 || ${data} === false`);
                gen.assign(coerced, null);
                return;
            case "array":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`)
                    .assign(coerced, (0, codegen_1._) `[${data}]`);
        }
    }
}
function assignParentData({ gen, parentData, parentDataProperty }, expr) {
    // TODO use gen.property
    gen.if((0, codegen_1._) `${parentData} !== undefined`, () => gen.assign((0, codegen_1._) `${parentData}[${parentDataProperty}]`, expr));
}
function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
    const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
    let cond;
    switch (dataType) {
        case "null":
            return (0, codegen_1._) `${data} ${EQ} null`;
        case "array":
            cond = (0, codegen_1._) `Array.isArray(${data})`;
            break;
        case "object":
            cond = (0, codegen_1._) `${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
            break;
        case "integer":
            cond = numCond((0, codegen_1._) `!(${data} % 1) && !isNaN(${data})`);
            break;
        case "number":
            cond = numCond();
            break;
        default:
            return (0, codegen_1._) `typeof ${data} ${EQ} ${dataType}`;
    }
    return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
    function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._) `typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._) `isFinite(${data})` : codegen_1.nil);
    }
}
exports.checkDataType = checkDataType;
function checkDataTypes(dataTypes, data, strictNums, correct) {
    if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
    }
    let cond;
    const types = (0, util_1.toHash)(dataTypes);
    if (types.array && types.object) {
        const notObj = (0, codegen_1._) `typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._) `!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
    }
    else {
        cond = codegen_1.nil;
    }
    if (types.number)
        delete types.integer;
    for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
    return cond;
}
exports.checkDataTypes = checkDataTypes;
const typeError = {
    message: ({ schema }) => `must be ${schema}`,
    params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._) `{type: ${schema}}` : (0, codegen_1._) `{type: ${schemaValue}}`,
};
function reportTypeError(it) {
    const cxt = getTypeErrorContext(it);
    (0, errors_1.reportError)(cxt, typeError);
}
exports.reportTypeError = reportTypeError;
function getTypeErrorContext(it) {
    const { gen, data, schema } = it;
    const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
    return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it,
    };
}
//# sourceMappingURL=dataType.js.map

/***/ }),

/***/ 1699:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.assignDefaults = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function assignDefaults(it, ty) {
    const { properties, items } = it.schema;
    if (ty === "object" && properties) {
        for (const key in properties) {
            assignDefault(it, key, properties[key].default);
        }
    }
    else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
    }
}
exports.assignDefaults = assignDefaults;
function assignDefault(it, prop, defaultValue) {
    const { gen, compositeRule, data, opts } = it;
    if (defaultValue === undefined)
        return;
    const childData = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(prop)}`;
    if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
    }
    let condition = (0, codegen_1._) `${childData} === undefined`;
    if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._) `${condition} || ${childData} === null || ${childData} === ""`;
    }
    // `${childData} === undefined` +
    // (opts.useDefaults === "empty" ? ` || ${childData} === null || ${childData} === ""` : "")
    gen.if(condition, (0, codegen_1._) `${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
}
//# sourceMappingURL=defaults.js.map

/***/ }),

/***/ 7881:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
const boolSchema_1 = __nccwpck_require__(5346);
const dataType_1 = __nccwpck_require__(6685);
const applicability_1 = __nccwpck_require__(7692);
const dataType_2 = __nccwpck_require__(6685);
const defaults_1 = __nccwpck_require__(1699);
const keyword_1 = __nccwpck_require__(5202);
const subschema_1 = __nccwpck_require__(6200);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const errors_1 = __nccwpck_require__(1283);
// schema compilation - generates validation function, subschemaCode (below) is used for subschemas
function validateFunctionCode(it) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            topSchemaObjCode(it);
            return;
        }
    }
    validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
}
exports.validateFunctionCode = validateFunctionCode;
function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
    if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
            gen.code((0, codegen_1._) `"use strict"; ${funcSourceUrl(schema, opts)}`);
            destructureValCxtES5(gen, opts);
            gen.code(body);
        });
    }
    else {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
    }
}
function destructureValCxt(opts) {
    return (0, codegen_1._) `{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._) `, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
}
function destructureValCxtES5(gen, opts) {
    gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
    }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `""`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `{}`);
    });
}
function topSchemaObjCode(it) {
    const { schema, opts, gen } = it;
    validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
            commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
            resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
    });
    return;
}
function resetEvaluated(it) {
    // TODO maybe some hook to execute it in the end to check whether props/items are Name, as in assignEvaluated
    const { gen, validateName } = it;
    it.evaluated = gen.const("evaluated", (0, codegen_1._) `${validateName}.evaluated`);
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._) `${it.evaluated}.props`, (0, codegen_1._) `undefined`));
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._) `${it.evaluated}.items`, (0, codegen_1._) `undefined`));
}
function funcSourceUrl(schema, opts) {
    const schId = typeof schema == "object" && schema[opts.schemaId];
    return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._) `/*# sourceURL=${schId} */` : codegen_1.nil;
}
// schema compilation - this function is used recursively to generate code for sub-schemas
function subschemaCode(it, valid) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            subSchemaObjCode(it, valid);
            return;
        }
    }
    (0, boolSchema_1.boolOrEmptySchema)(it, valid);
}
function schemaCxtHasRules({ schema, self }) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (self.RULES.all[key])
            return true;
    return false;
}
function isSchemaObj(it) {
    return typeof it.schema != "boolean";
}
function subSchemaObjCode(it, valid) {
    const { schema, gen, opts } = it;
    if (opts.$comment && schema.$comment)
        commentKeyword(it);
    updateContext(it);
    checkAsyncSchema(it);
    const errsCount = gen.const("_errs", names_1.default.errors);
    typeAndKeywords(it, errsCount);
    // TODO var
    gen.var(valid, (0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
}
function checkKeywords(it) {
    (0, util_1.checkUnknownRules)(it);
    checkRefsAndKeywords(it);
}
function typeAndKeywords(it, errsCount) {
    if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
    const types = (0, dataType_1.getSchemaTypes)(it.schema);
    const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
    schemaKeywords(it, types, !checkedTypes, errsCount);
}
function checkRefsAndKeywords(it) {
    const { schema, errSchemaPath, opts, self } = it;
    if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
    }
}
function checkNoDefault(it) {
    const { schema, opts } = it;
    if (schema.default !== undefined && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
    }
}
function updateContext(it) {
    const schId = it.schema[it.opts.schemaId];
    if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
}
function checkAsyncSchema(it) {
    if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
}
function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
    const msg = schema.$comment;
    if (opts.$comment === true) {
        gen.code((0, codegen_1._) `${names_1.default.self}.logger.log(${msg})`);
    }
    else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str) `${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._) `${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
    }
}
function returnResults(it) {
    const { gen, schemaEnv, validateName, ValidationError, opts } = it;
    if (schemaEnv.$async) {
        // TODO assign unevaluated
        gen.if((0, codegen_1._) `${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._) `new ${ValidationError}(${names_1.default.vErrors})`));
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
            assignEvaluated(it);
        gen.return((0, codegen_1._) `${names_1.default.errors} === 0`);
    }
}
function assignEvaluated({ gen, evaluated, props, items }) {
    if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.props`, props);
    if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.items`, items);
}
function schemaKeywords(it, types, typeErrors, errsCount) {
    const { gen, schema, data, allErrors, opts, self } = it;
    const { RULES } = self;
    if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition)); // TODO typecast
        return;
    }
    if (!opts.jtd)
        checkStrictTypes(it, types);
    gen.block(() => {
        for (const group of RULES.rules)
            groupKeywords(group);
        groupKeywords(RULES.post);
    });
    function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
            return;
        if (group.type) {
            gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
            iterateKeywords(it, group);
            if (types.length === 1 && types[0] === group.type && typeErrors) {
                gen.else();
                (0, dataType_2.reportTypeError)(it);
            }
            gen.endIf();
        }
        else {
            iterateKeywords(it, group);
        }
        // TODO make it "ok" call?
        if (!allErrors)
            gen.if((0, codegen_1._) `${names_1.default.errors} === ${errsCount || 0}`);
    }
}
function iterateKeywords(it, group) {
    const { gen, schema, opts: { useDefaults }, } = it;
    if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
    gen.block(() => {
        for (const rule of group.rules) {
            if ((0, applicability_1.shouldUseRule)(schema, rule)) {
                keywordCode(it, rule.keyword, rule.definition, group.type);
            }
        }
    });
}
function checkStrictTypes(it, types) {
    if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
    checkContextTypes(it, types);
    if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
    checkKeywordTypes(it, it.dataTypes);
}
function checkContextTypes(it, types) {
    if (!types.length)
        return;
    if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
    }
    types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
            strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
    });
    narrowSchemaTypes(it, types);
}
function checkMultipleTypes(it, ts) {
    if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
    }
}
function checkKeywordTypes(it, ts) {
    const rules = it.self.RULES.all;
    for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
            const { type } = rule.definition;
            if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
                strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
            }
        }
    }
}
function hasApplicableType(schTs, kwdT) {
    return schTs.includes(kwdT) || (kwdT === "number" && schTs.includes("integer"));
}
function includesType(ts, t) {
    return ts.includes(t) || (t === "integer" && ts.includes("number"));
}
function narrowSchemaTypes(it, withTypes) {
    const ts = [];
    for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
            ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
            ts.push("integer");
    }
    it.dataTypes = ts;
}
function strictTypesError(it, msg) {
    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
    msg += ` at "${schemaPath}" (strictTypes)`;
    (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
}
class KeywordCxt {
    constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
            this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        }
        else {
            this.schemaCode = this.schemaValue;
            if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
                throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
            }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
            this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
    }
    result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
    }
    failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
            failAction();
        else
            this.error();
        if (successAction) {
            this.gen.else();
            successAction();
            if (this.allErrors)
                this.gen.endIf();
        }
        else {
            if (this.allErrors)
                this.gen.endIf();
            else
                this.gen.else();
        }
    }
    pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), undefined, failAction);
    }
    fail(condition) {
        if (condition === undefined) {
            this.error();
            if (!this.allErrors)
                this.gen.if(false); // this branch will be removed by gen.optimize
            return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
            this.gen.endIf();
        else
            this.gen.else();
    }
    fail$data(condition) {
        if (!this.$data)
            return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._) `${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
    }
    error(append, errorParams, errorPaths) {
        if (errorParams) {
            this.setParams(errorParams);
            this._error(append, errorPaths);
            this.setParams({});
            return;
        }
        this._error(append, errorPaths);
    }
    _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
    }
    $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
    }
    reset() {
        if (this.errsCount === undefined)
            throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
    }
    ok(cond) {
        if (!this.allErrors)
            this.gen.if(cond);
    }
    setParams(obj, assign) {
        if (assign)
            Object.assign(this.params, obj);
        else
            this.params = obj;
    }
    block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
            this.check$data(valid, $dataValid);
            codeBlock();
        });
    }
    check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
            return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._) `${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
            gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
            gen.elseIf(this.invalid$data());
            this.$dataError();
            if (valid !== codegen_1.nil)
                gen.assign(valid, false);
        }
        gen.else();
    }
    invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
            if (schemaType.length) {
                /* istanbul ignore if */
                if (!(schemaCode instanceof codegen_1.Name))
                    throw new Error("ajv implementation error");
                const st = Array.isArray(schemaType) ? schemaType : [schemaType];
                return (0, codegen_1._) `${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
            }
            return codegen_1.nil;
        }
        function invalid$DataSchema() {
            if (def.validateSchema) {
                const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema }); // TODO value.code for standalone
                return (0, codegen_1._) `!${validateSchemaRef}(${schemaCode})`;
            }
            return codegen_1.nil;
        }
    }
    subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: undefined, props: undefined };
        subschemaCode(nextContext, valid);
        return nextContext;
    }
    mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
            return;
        if (it.props !== true && schemaCxt.props !== undefined) {
            it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== undefined) {
            it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
    }
    mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
            gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
            return true;
        }
    }
}
exports.KeywordCxt = KeywordCxt;
function keywordCode(it, keyword, def, ruleType) {
    const cxt = new KeywordCxt(it, def, keyword);
    if ("code" in def) {
        def.code(cxt, ruleType);
    }
    else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
    else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
    }
    else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
}
const JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
const RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
function getData($data, { dataLevel, dataNames, dataPathArr }) {
    let jsonPointer;
    let data;
    if ($data === "")
        return names_1.default.rootData;
    if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
    }
    else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
            if (up >= dataLevel)
                throw new Error(errorMsg("property/index", up));
            return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
            throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
            return data;
    }
    let expr = data;
    const segments = jsonPointer.split("/");
    for (const segment of segments) {
        if (segment) {
            data = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
            expr = (0, codegen_1._) `${expr} && ${data}`;
        }
    }
    return expr;
    function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
    }
}
exports.getData = getData;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5202:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const code_1 = __nccwpck_require__(8484);
const errors_1 = __nccwpck_require__(1283);
function macroKeywordCode(cxt, def) {
    const { gen, keyword, schema, parentSchema, it } = cxt;
    const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
    const schemaRef = useKeyword(gen, keyword, macroSchema);
    if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
    const valid = gen.name("valid");
    cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true,
    }, valid);
    cxt.pass(valid, () => cxt.error(true));
}
exports.macroKeywordCode = macroKeywordCode;
function funcKeywordCode(cxt, def) {
    var _a;
    const { gen, keyword, schema, parentSchema, $data, it } = cxt;
    checkAsyncKeyword(it, def);
    const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
    const validateRef = useKeyword(gen, keyword, validate);
    const valid = gen.let("valid");
    cxt.block$data(valid, validateKeyword);
    cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
    function validateKeyword() {
        if (def.errors === false) {
            assignValid();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => cxt.error());
        }
        else {
            const ruleErrs = def.async ? validateAsync() : validateSync();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => addErrs(cxt, ruleErrs));
        }
    }
    function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._) `await `), (e) => gen.assign(valid, false).if((0, codegen_1._) `${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._) `${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
    }
    function validateSync() {
        const validateErrs = (0, codegen_1._) `${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
    }
    function assignValid(_await = def.async ? (0, codegen_1._) `await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !(("compile" in def && !$data) || def.schema === false);
        gen.assign(valid, (0, codegen_1._) `${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
    }
    function reportErrs(errors) {
        var _a;
        gen.if((0, codegen_1.not)((_a = def.valid) !== null && _a !== void 0 ? _a : valid), errors);
    }
}
exports.funcKeywordCode = funcKeywordCode;
function modifyData(cxt) {
    const { gen, data, it } = cxt;
    gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._) `${it.parentData}[${it.parentDataProperty}]`));
}
function addErrs(cxt, errs) {
    const { gen } = cxt;
    gen.if((0, codegen_1._) `Array.isArray(${errs})`, () => {
        gen
            .assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`)
            .assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
    }, () => cxt.error());
}
function checkAsyncKeyword({ schemaEnv }, def) {
    if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
}
function useKeyword(gen, keyword, result) {
    if (result === undefined)
        throw new Error(`keyword "${keyword}" failed to compile`);
    return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
}
function validSchemaType(schema, schemaType, allowUndefined = false) {
    // TODO add tests
    return (!schemaType.length ||
        schemaType.some((st) => st === "array"
            ? Array.isArray(schema)
            : st === "object"
                ? schema && typeof schema == "object" && !Array.isArray(schema)
                : typeof schema == st || (allowUndefined && typeof schema == "undefined")));
}
exports.validSchemaType = validSchemaType;
function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
    /* istanbul ignore if */
    if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
    }
    const deps = def.dependencies;
    if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
    }
    if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
            const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` +
                self.errorsText(def.validateSchema.errors);
            if (opts.validateSchema === "log")
                self.logger.error(msg);
            else
                throw new Error(msg);
        }
    }
}
exports.validateKeywordUsage = validateKeywordUsage;
//# sourceMappingURL=keyword.js.map

/***/ }),

/***/ 6200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
    if (keyword !== undefined && schema !== undefined) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
    }
    if (keyword !== undefined) {
        const sch = it.schema[keyword];
        return schemaProp === undefined
            ? {
                schema: sch,
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}`,
            }
            : {
                schema: sch[schemaProp],
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`,
            };
    }
    if (schema !== undefined) {
        if (schemaPath === undefined || errSchemaPath === undefined || topSchemaRef === undefined) {
            throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
            schema,
            schemaPath,
            topSchemaRef,
            errSchemaPath,
        };
    }
    throw new Error('either "keyword" or "schema" must be passed');
}
exports.getSubschema = getSubschema;
function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
    if (data !== undefined && dataProp !== undefined) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
    }
    const { gen } = it;
    if (dataProp !== undefined) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._) `${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._) `${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
    }
    if (data !== undefined) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true); // replaceable if used once?
        dataContextProps(nextData);
        if (propertyName !== undefined)
            subschema.propertyName = propertyName;
        // TODO something is possibly wrong here with not changing parentDataProperty and not appending dataPathArr
    }
    if (dataTypes)
        subschema.dataTypes = dataTypes;
    function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
    }
}
exports.extendSubschemaData = extendSubschemaData;
function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
    if (compositeRule !== undefined)
        subschema.compositeRule = compositeRule;
    if (createErrors !== undefined)
        subschema.createErrors = createErrors;
    if (allErrors !== undefined)
        subschema.allErrors = allErrors;
    subschema.jtdDiscriminator = jtdDiscriminator; // not inherited
    subschema.jtdMetadata = jtdMetadata; // not inherited
}
exports.extendSubschemaMode = extendSubschemaMode;
//# sourceMappingURL=subschema.js.map

/***/ }),

/***/ 3893:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
const validation_error_1 = __nccwpck_require__(3021);
const ref_error_1 = __nccwpck_require__(3162);
const rules_1 = __nccwpck_require__(7353);
const compile_1 = __nccwpck_require__(2718);
const codegen_2 = __nccwpck_require__(1436);
const resolve_1 = __nccwpck_require__(4090);
const dataType_1 = __nccwpck_require__(6685);
const util_1 = __nccwpck_require__(4464);
const $dataRefSchema = __nccwpck_require__(3837);
const uri_1 = __nccwpck_require__(6285);
const defaultRegExp = (str, flags) => new RegExp(str, flags);
defaultRegExp.code = "new RegExp";
const META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
const EXT_SCOPE_NAMES = new Set([
    "validate",
    "serialize",
    "parse",
    "wrapper",
    "root",
    "schema",
    "keyword",
    "pattern",
    "formats",
    "validate$data",
    "func",
    "obj",
    "Error",
]);
const removedOptions = {
    errorDataPath: "",
    format: "`validateFormats: false` can be used instead.",
    nullable: '"nullable" keyword is supported by default.',
    jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
    extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
    missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
    processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
    sourceCode: "Use option `code: {source: true}`",
    strictDefaults: "It is default now, see option `strict`.",
    strictKeywords: "It is default now, see option `strict`.",
    uniqueItems: '"uniqueItems" keyword is always validated.',
    unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
    cache: "Map is used as cache, schema object as key.",
    serialize: "Map is used as cache, schema object as key.",
    ajvErrors: "It is default now.",
};
const deprecatedOptions = {
    ignoreKeywordsWithRef: "",
    jsPropertySyntax: "",
    unicode: '"minLength"/"maxLength" account for unicode characters by default.',
};
const MAX_EXPRESSION = 200;
// eslint-disable-next-line complexity
function requiredOptions(o) {
    var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
    const s = o.strict;
    const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
    const optimize = _optz === true || _optz === undefined ? 1 : _optz || 0;
    const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
    const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
    return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver: uriResolver,
    };
}
class Ajv {
    constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = Object.create(null);
        this._compilations = new Set();
        this._loading = {};
        this._cache = new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
            addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
            addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
            this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
    }
    _addVocabularies() {
        this.addKeyword("$async");
    }
    _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
            _dataRefSchema = { ...$dataRefSchema };
            _dataRefSchema.id = _dataRefSchema.$id;
            delete _dataRefSchema.$id;
        }
        if (meta && $data)
            this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
    }
    defaultMeta() {
        const { meta, schemaId } = this.opts;
        return (this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : undefined);
    }
    validate(schemaKeyRef, // key, ref or schema object
    // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
    data // to be validated
    ) {
        let v;
        if (typeof schemaKeyRef == "string") {
            v = this.getSchema(schemaKeyRef);
            if (!v)
                throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        }
        else {
            v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
            this.errors = v.errors;
        return valid;
    }
    compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
            throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
            await loadMetaSchema.call(this, _schema.$schema);
            const sch = this._addSchema(_schema, _meta);
            return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
            if ($ref && !this.getSchema($ref)) {
                await runCompileAsync.call(this, { $ref }, true);
            }
        }
        async function _compileAsync(sch) {
            try {
                return this._compileSchemaEnv(sch);
            }
            catch (e) {
                if (!(e instanceof ref_error_1.default))
                    throw e;
                checkLoaded.call(this, e);
                await loadMissingSchema.call(this, e.missingSchema);
                return _compileAsync.call(this, sch);
            }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
            if (this.refs[ref]) {
                throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
            }
        }
        async function loadMissingSchema(ref) {
            const _schema = await _loadSchema.call(this, ref);
            if (!this.refs[ref])
                await loadMetaSchema.call(this, _schema.$schema);
            if (!this.refs[ref])
                this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
            const p = this._loading[ref];
            if (p)
                return p;
            try {
                return await (this._loading[ref] = loadSchema(ref));
            }
            finally {
                delete this._loading[ref];
            }
        }
    }
    // Adds schema to the instance
    addSchema(schema, // If array is passed, `key` will be ignored
    key, // Optional schema key. Can be passed to `validate` method instead of schema object or id/ref. One schema per instance can have empty `id` and `key`.
    _meta, // true if schema is a meta-schema. Used internally, addMetaSchema should be used instead.
    _validateSchema = this.opts.validateSchema // false to skip schema validation. Used internally, option validateSchema should be used instead.
    ) {
        if (Array.isArray(schema)) {
            for (const sch of schema)
                this.addSchema(sch, undefined, _meta, _validateSchema);
            return this;
        }
        let id;
        if (typeof schema === "object") {
            const { schemaId } = this.opts;
            id = schema[schemaId];
            if (id !== undefined && typeof id != "string") {
                throw new Error(`schema ${schemaId} must be string`);
            }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
    }
    // Add schema that will be used to validate other schemas
    // options in META_IGNORE_OPTIONS are alway set to false
    addMetaSchema(schema, key, // schema key
    _validateSchema = this.opts.validateSchema // false to skip schema validation, can be used to override validateSchema option for meta-schema
    ) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
    }
    //  Validate schema against its meta-schema
    validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
            return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== undefined && typeof $schema != "string") {
            throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
            this.logger.warn("meta-schema not available");
            this.errors = null;
            return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
            const message = "schema is invalid: " + this.errorsText();
            if (this.opts.validateSchema === "log")
                this.logger.error(message);
            else
                throw new Error(message);
        }
        return valid;
    }
    // Get compiled schema by `key` or `ref`.
    // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
    getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
            keyRef = sch;
        if (sch === undefined) {
            const { schemaId } = this.opts;
            const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
            sch = compile_1.resolveSchema.call(this, root, keyRef);
            if (!sch)
                return;
            this.refs[keyRef] = sch;
        }
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    // Remove cached schema(s).
    // If no parameter is passed all schemas but meta-schemas are removed.
    // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
    // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
    removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
            this._removeAllSchemas(this.schemas, schemaKeyRef);
            this._removeAllSchemas(this.refs, schemaKeyRef);
            return this;
        }
        switch (typeof schemaKeyRef) {
            case "undefined":
                this._removeAllSchemas(this.schemas);
                this._removeAllSchemas(this.refs);
                this._cache.clear();
                return this;
            case "string": {
                const sch = getSchEnv.call(this, schemaKeyRef);
                if (typeof sch == "object")
                    this._cache.delete(sch.schema);
                delete this.schemas[schemaKeyRef];
                delete this.refs[schemaKeyRef];
                return this;
            }
            case "object": {
                const cacheKey = schemaKeyRef;
                this._cache.delete(cacheKey);
                let id = schemaKeyRef[this.opts.schemaId];
                if (id) {
                    id = (0, resolve_1.normalizeId)(id);
                    delete this.schemas[id];
                    delete this.refs[id];
                }
                return this;
            }
            default:
                throw new Error("ajv.removeSchema: invalid parameter");
        }
    }
    // add "vocabulary" - a collection of keywords
    addVocabulary(definitions) {
        for (const def of definitions)
            this.addKeyword(def);
        return this;
    }
    addKeyword(kwdOrDef, def // deprecated
    ) {
        let keyword;
        if (typeof kwdOrDef == "string") {
            keyword = kwdOrDef;
            if (typeof def == "object") {
                this.logger.warn("these parameters are deprecated, see docs for addKeyword");
                def.keyword = keyword;
            }
        }
        else if (typeof kwdOrDef == "object" && def === undefined) {
            def = kwdOrDef;
            keyword = def.keyword;
            if (Array.isArray(keyword) && !keyword.length) {
                throw new Error("addKeywords: keyword must be string or non-empty array");
            }
        }
        else {
            throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
            (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
            return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
            ...def,
            type: (0, dataType_1.getJSONTypes)(def.type),
            schemaType: (0, dataType_1.getJSONTypes)(def.schemaType),
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0
            ? (k) => addRule.call(this, k, definition)
            : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
    }
    getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
    }
    // Remove keyword
    removeKeyword(keyword) {
        // TODO return type should be Ajv
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
            const i = group.rules.findIndex((rule) => rule.keyword === keyword);
            if (i >= 0)
                group.rules.splice(i, 1);
        }
        return this;
    }
    // Add format
    addFormat(name, format) {
        if (typeof format == "string")
            format = new RegExp(format);
        this.formats[name] = format;
        return this;
    }
    errorsText(errors = this.errors, // optional array of validation errors
    { separator = ", ", dataVar = "data" } = {} // optional options with properties `separator` and `dataVar`
    ) {
        if (!errors || errors.length === 0)
            return "No errors";
        return errors
            .map((e) => `${dataVar}${e.instancePath} ${e.message}`)
            .reduce((text, msg) => text + separator + msg);
    }
    $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
            const segments = jsonPointer.split("/").slice(1); // first segment is an empty string
            let keywords = metaSchema;
            for (const seg of segments)
                keywords = keywords[seg];
            for (const key in rules) {
                const rule = rules[key];
                if (typeof rule != "object")
                    continue;
                const { $data } = rule.definition;
                const schema = keywords[key];
                if ($data && schema)
                    keywords[key] = schemaOrData(schema);
            }
        }
        return metaSchema;
    }
    _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
            const sch = schemas[keyRef];
            if (!regex || regex.test(keyRef)) {
                if (typeof sch == "string") {
                    delete schemas[keyRef];
                }
                else if (sch && !sch.meta) {
                    this._cache.delete(sch.schema);
                    delete schemas[keyRef];
                }
            }
        }
    }
    _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
            id = schema[schemaId];
        }
        else {
            if (this.opts.jtd)
                throw new Error("schema must be object");
            else if (typeof schema != "boolean")
                throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== undefined)
            return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
            // TODO atm it is allowed to overwrite schemas without id (instead of not adding them)
            if (baseId)
                this._checkUnique(baseId);
            this.refs[baseId] = sch;
        }
        if (validateSchema)
            this.validateSchema(schema, true);
        return sch;
    }
    _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
            throw new Error(`schema with key or id "${id}" already exists`);
        }
    }
    _compileSchemaEnv(sch) {
        if (sch.meta)
            this._compileMetaSchema(sch);
        else
            compile_1.compileSchema.call(this, sch);
        /* istanbul ignore if */
        if (!sch.validate)
            throw new Error("ajv implementation error");
        return sch.validate;
    }
    _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
            compile_1.compileSchema.call(this, sch);
        }
        finally {
            this.opts = currentOpts;
        }
    }
}
Ajv.ValidationError = validation_error_1.default;
Ajv.MissingRefError = ref_error_1.default;
exports["default"] = Ajv;
function checkOptions(checkOpts, options, msg, log = "error") {
    for (const key in checkOpts) {
        const opt = key;
        if (opt in options)
            this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
    }
}
function getSchEnv(keyRef) {
    keyRef = (0, resolve_1.normalizeId)(keyRef); // TODO tests fail without this line
    return this.schemas[keyRef] || this.refs[keyRef];
}
function addInitialSchemas() {
    const optsSchemas = this.opts.schemas;
    if (!optsSchemas)
        return;
    if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
    else
        for (const key in optsSchemas)
            this.addSchema(optsSchemas[key], key);
}
function addInitialFormats() {
    for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
            this.addFormat(name, format);
    }
}
function addInitialKeywords(defs) {
    if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
    }
    this.logger.warn("keywords option as map is deprecated, pass array");
    for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
            def.keyword = keyword;
        this.addKeyword(def);
    }
}
function getMetaSchemaOptions() {
    const metaOpts = { ...this.opts };
    for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
    return metaOpts;
}
const noLogs = { log() { }, warn() { }, error() { } };
function getLogger(logger) {
    if (logger === false)
        return noLogs;
    if (logger === undefined)
        return console;
    if (logger.log && logger.warn && logger.error)
        return logger;
    throw new Error("logger must implement log, warn and error methods");
}
const KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
function checkKeyword(keyword, def) {
    const { RULES } = this;
    (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
            throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
            throw new Error(`Keyword ${kwd} has invalid name`);
    });
    if (!def)
        return;
    if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
    }
}
function addRule(keyword, definition, dataType) {
    var _a;
    const post = definition === null || definition === void 0 ? void 0 : definition.post;
    if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
    const { RULES } = this;
    let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
    if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
    }
    RULES.keywords[keyword] = true;
    if (!definition)
        return;
    const rule = {
        keyword,
        definition: {
            ...definition,
            type: (0, dataType_1.getJSONTypes)(definition.type),
            schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType),
        },
    };
    if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
    else
        ruleGroup.rules.push(rule);
    RULES.all[keyword] = rule;
    (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
}
function addBeforeRule(ruleGroup, rule, before) {
    const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
    if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
    }
    else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
    }
}
function keywordMetaschema(def) {
    let { metaSchema } = def;
    if (metaSchema === undefined)
        return;
    if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
    def.validateSchema = this.compile(metaSchema, true);
}
const $dataRef = {
    $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
};
function schemaOrData(schema) {
    return { anyOf: [schema, $dataRef] };
}
//# sourceMappingURL=core.js.map

/***/ }),

/***/ 4951:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://github.com/ajv-validator/ajv/issues/889
const equal = __nccwpck_require__(3430);
equal.code = 'require("ajv/dist/runtime/equal").default';
exports["default"] = equal;
//# sourceMappingURL=equal.js.map

/***/ }),

/***/ 6214:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://mathiasbynens.be/notes/javascript-encoding
// https://github.com/bestiejs/punycode.js - punycode.ucs2.decode
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}
exports["default"] = ucs2length;
ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
//# sourceMappingURL=ucs2length.js.map

/***/ }),

/***/ 6285:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const uri = __nccwpck_require__(4352);
uri.code = 'require("ajv/dist/runtime/uri").default';
exports["default"] = uri;
//# sourceMappingURL=uri.js.map

/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
class ValidationError extends Error {
    constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
    }
}
exports["default"] = ValidationError;
//# sourceMappingURL=validation_error.js.map

/***/ }),

/***/ 3448:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateAdditionalItems = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "additionalItems",
    type: "array",
    schemaType: ["boolean", "object"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
            (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
            return;
        }
        validateAdditionalItems(cxt, items);
    },
};
function validateAdditionalItems(cxt, items) {
    const { gen, schema, data, keyword, it } = cxt;
    it.items = true;
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._) `${len} <= ${items.length}`);
    }
    else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items.length}`); // TODO var
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
    }
    function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
            cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
            if (!it.allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
    }
}
exports.validateAdditionalItems = validateAdditionalItems;
exports["default"] = def;
//# sourceMappingURL=additionalItems.js.map

/***/ }),

/***/ 2431:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must NOT have additional properties",
    params: ({ params }) => (0, codegen_1._) `{additionalProperty: ${params.additionalProperty}}`,
};
const def = {
    keyword: "additionalProperties",
    type: ["object"],
    schemaType: ["boolean", "object"],
    allowUndefined: true,
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        /* istanbul ignore if */
        if (!errsCount)
            throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
            return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
            gen.forIn("key", data, (key) => {
                if (!props.length && !patProps.length)
                    additionalPropertyCode(key);
                else
                    gen.if(isAdditional(key), () => additionalPropertyCode(key));
            });
        }
        function isAdditional(key) {
            let definedProp;
            if (props.length > 8) {
                // TODO maybe an option instead of hard-coded 8?
                const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
                definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
            }
            else if (props.length) {
                definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._) `${key} === ${p}`));
            }
            else {
                definedProp = codegen_1.nil;
            }
            if (patProps.length) {
                definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._) `${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
            }
            return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
            gen.code((0, codegen_1._) `delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
            if (opts.removeAdditional === "all" || (opts.removeAdditional && schema === false)) {
                deleteAdditional(key);
                return;
            }
            if (schema === false) {
                cxt.setParams({ additionalProperty: key });
                cxt.error();
                if (!allErrors)
                    gen.break();
                return;
            }
            if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
                const valid = gen.name("valid");
                if (opts.removeAdditional === "failing") {
                    applyAdditionalSchema(key, valid, false);
                    gen.if((0, codegen_1.not)(valid), () => {
                        cxt.reset();
                        deleteAdditional(key);
                    });
                }
                else {
                    applyAdditionalSchema(key, valid);
                    if (!allErrors)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                }
            }
        }
        function applyAdditionalSchema(key, valid, errors) {
            const subschema = {
                keyword: "additionalProperties",
                dataProp: key,
                dataPropType: util_1.Type.Str,
            };
            if (errors === false) {
                Object.assign(subschema, {
                    compositeRule: true,
                    createErrors: false,
                    allErrors: false,
                });
            }
            cxt.subschema(subschema, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=additionalProperties.js.map

/***/ }),

/***/ 9205:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "allOf",
    schemaType: "array",
    code(cxt) {
        const { gen, schema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
            if ((0, util_1.alwaysValidSchema)(it, sch))
                return;
            const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
            cxt.ok(valid);
            cxt.mergeEvaluated(schCxt);
        });
    },
};
exports["default"] = def;
//# sourceMappingURL=allOf.js.map

/***/ }),

/***/ 9380:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "anyOf",
    schemaType: "array",
    trackErrors: true,
    code: code_1.validateUnion,
    error: { message: "must match a schema in anyOf" },
};
exports["default"] = def;
//# sourceMappingURL=anyOf.js.map

/***/ }),

/***/ 6182:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { min, max } }) => max === undefined
        ? (0, codegen_1.str) `must contain at least ${min} valid item(s)`
        : (0, codegen_1.str) `must contain at least ${min} and no more than ${max} valid item(s)`,
    params: ({ params: { min, max } }) => max === undefined ? (0, codegen_1._) `{minContains: ${min}}` : (0, codegen_1._) `{minContains: ${min}, maxContains: ${max}}`,
};
const def = {
    keyword: "contains",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
            min = minContains === undefined ? 1 : minContains;
            max = maxContains;
        }
        else {
            min = 1;
        }
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        cxt.setParams({ min, max });
        if (max === undefined && min === 0) {
            (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
            return;
        }
        if (max !== undefined && min > max) {
            (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
            cxt.fail();
            return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            let cond = (0, codegen_1._) `${len} >= ${min}`;
            if (max !== undefined)
                cond = (0, codegen_1._) `${cond} && ${len} <= ${max}`;
            cxt.pass(cond);
            return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === undefined && min === 1) {
            validateItems(valid, () => gen.if(valid, () => gen.break()));
        }
        else if (min === 0) {
            gen.let(valid, true);
            if (max !== undefined)
                gen.if((0, codegen_1._) `${data}.length > 0`, validateItemsWithCount);
        }
        else {
            gen.let(valid, false);
            validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
            const schValid = gen.name("_valid");
            const count = gen.let("count", 0);
            validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
            gen.forRange("i", 0, len, (i) => {
                cxt.subschema({
                    keyword: "contains",
                    dataProp: i,
                    dataPropType: util_1.Type.Num,
                    compositeRule: true,
                }, _valid);
                block();
            });
        }
        function checkLimits(count) {
            gen.code((0, codegen_1._) `${count}++`);
            if (max === undefined) {
                gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true).break());
            }
            else {
                gen.if((0, codegen_1._) `${count} > ${max}`, () => gen.assign(valid, false).break());
                if (min === 1)
                    gen.assign(valid, true);
                else
                    gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true));
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=contains.js.map

/***/ }),

/***/ 5826:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
exports.error = {
    message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str) `must have ${property_ies} ${deps} when property ${property} is present`;
    },
    params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._) `{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`, // TODO change to reference
};
const def = {
    keyword: "dependencies",
    type: "object",
    schemaType: "object",
    error: exports.error,
    code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
    },
};
function splitDependencies({ schema }) {
    const propertyDeps = {};
    const schemaDeps = {};
    for (const key in schema) {
        if (key === "__proto__")
            continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
    }
    return [propertyDeps, schemaDeps];
}
function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
    const { gen, data, it } = cxt;
    if (Object.keys(propertyDeps).length === 0)
        return;
    const missing = gen.let("missing");
    for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
            continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
            property: prop,
            depsCount: deps.length,
            deps: deps.join(", "),
        });
        if (it.allErrors) {
            gen.if(hasProperty, () => {
                for (const depProp of deps) {
                    (0, code_1.checkReportMissingProp)(cxt, depProp);
                }
            });
        }
        else {
            gen.if((0, codegen_1._) `${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
        }
    }
}
exports.validatePropertyDeps = validatePropertyDeps;
function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
            continue;
        gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties), () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
        }, () => gen.var(valid, true) // TODO var
        );
        cxt.ok(valid);
    }
}
exports.validateSchemaDeps = validateSchemaDeps;
exports["default"] = def;
//# sourceMappingURL=dependencies.js.map

/***/ }),

/***/ 8584:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params }) => (0, codegen_1.str) `must match "${params.ifClause}" schema`,
    params: ({ params }) => (0, codegen_1._) `{failingKeyword: ${params.ifClause}}`,
};
const def = {
    keyword: "if",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === undefined && parentSchema.else === undefined) {
            (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
            return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
            const ifClause = gen.let("ifClause");
            cxt.setParams({ ifClause });
            gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        }
        else if (hasThen) {
            gen.if(schValid, validateClause("then"));
        }
        else {
            gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
            const schCxt = cxt.subschema({
                keyword: "if",
                compositeRule: true,
                createErrors: false,
                allErrors: false,
            }, schValid);
            cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
            return () => {
                const schCxt = cxt.subschema({ keyword }, schValid);
                gen.assign(valid, schValid);
                cxt.mergeValidEvaluated(schCxt, valid);
                if (ifClause)
                    gen.assign(ifClause, (0, codegen_1._) `${keyword}`);
                else
                    cxt.setParams({ ifClause: keyword });
            };
        }
    },
};
function hasSchema(it, keyword) {
    const schema = it.schema[keyword];
    return schema !== undefined && !(0, util_1.alwaysValidSchema)(it, schema);
}
exports["default"] = def;
//# sourceMappingURL=if.js.map

/***/ }),

/***/ 8775:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const additionalItems_1 = __nccwpck_require__(3448);
const prefixItems_1 = __nccwpck_require__(6467);
const items_1 = __nccwpck_require__(5791);
const items2020_1 = __nccwpck_require__(2959);
const contains_1 = __nccwpck_require__(6182);
const dependencies_1 = __nccwpck_require__(5826);
const propertyNames_1 = __nccwpck_require__(1372);
const additionalProperties_1 = __nccwpck_require__(2431);
const properties_1 = __nccwpck_require__(8778);
const patternProperties_1 = __nccwpck_require__(664);
const not_1 = __nccwpck_require__(8350);
const anyOf_1 = __nccwpck_require__(9380);
const oneOf_1 = __nccwpck_require__(2490);
const allOf_1 = __nccwpck_require__(9205);
const if_1 = __nccwpck_require__(8584);
const thenElse_1 = __nccwpck_require__(6829);
function getApplicator(draft2020 = false) {
    const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default,
    ];
    // array
    if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
    else
        applicator.push(additionalItems_1.default, items_1.default);
    applicator.push(contains_1.default);
    return applicator;
}
exports["default"] = getApplicator;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5791:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateTuple = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "array", "boolean"],
    before: "uniqueItems",
    code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
            return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        cxt.ok((0, code_1.validateArray)(cxt));
    },
};
function validateTuple(cxt, extraItems, schArr = cxt.schema) {
    const { gen, parentSchema, data, keyword, it } = cxt;
    checkStrictTuple(parentSchema);
    if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
    }
    const valid = gen.name("valid");
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
        gen.if((0, codegen_1._) `${len} > ${i}`, () => cxt.subschema({
            keyword,
            schemaProp: i,
            dataProp: i,
        }, valid));
        cxt.ok(valid);
    });
    function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
            const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
            (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
    }
}
exports.validateTuple = validateTuple;
exports["default"] = def;
//# sourceMappingURL=items.js.map

/***/ }),

/***/ 2959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const additionalItems_1 = __nccwpck_require__(3448);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        if (prefixItems)
            (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
            cxt.ok((0, code_1.validateArray)(cxt));
    },
};
exports["default"] = def;
//# sourceMappingURL=items2020.js.map

/***/ }),

/***/ 8350:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "not",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            cxt.fail();
            return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
            keyword: "not",
            compositeRule: true,
            createErrors: false,
            allErrors: false,
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
    },
    error: { message: "must NOT be valid" },
};
exports["default"] = def;
//# sourceMappingURL=not.js.map

/***/ }),

/***/ 2490:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must match exactly one schema in oneOf",
    params: ({ params }) => (0, codegen_1._) `{passingSchemas: ${params.passing}}`,
};
const def = {
    keyword: "oneOf",
    schemaType: "array",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
            return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        // TODO possibly fail straight away (with warning or exception) if there are two empty always valid schemas
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
            schArr.forEach((sch, i) => {
                let schCxt;
                if ((0, util_1.alwaysValidSchema)(it, sch)) {
                    gen.var(schValid, true);
                }
                else {
                    schCxt = cxt.subschema({
                        keyword: "oneOf",
                        schemaProp: i,
                        compositeRule: true,
                    }, schValid);
                }
                if (i > 0) {
                    gen
                        .if((0, codegen_1._) `${schValid} && ${valid}`)
                        .assign(valid, false)
                        .assign(passing, (0, codegen_1._) `[${passing}, ${i}]`)
                        .else();
                }
                gen.if(schValid, () => {
                    gen.assign(valid, true);
                    gen.assign(passing, i);
                    if (schCxt)
                        cxt.mergeEvaluated(schCxt, codegen_1.Name);
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=oneOf.js.map

/***/ }),

/***/ 664:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const util_2 = __nccwpck_require__(4464);
const def = {
    keyword: "patternProperties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 ||
            (alwaysValidPatterns.length === patterns.length &&
                (!it.opts.unevaluated || it.props === true))) {
            return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
            it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
            for (const pat of patterns) {
                if (checkProperties)
                    checkMatchingProperties(pat);
                if (it.allErrors) {
                    validateProperties(pat);
                }
                else {
                    gen.var(valid, true); // TODO var
                    validateProperties(pat);
                    gen.if(valid);
                }
            }
        }
        function checkMatchingProperties(pat) {
            for (const prop in checkProperties) {
                if (new RegExp(pat).test(prop)) {
                    (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
                }
            }
        }
        function validateProperties(pat) {
            gen.forIn("key", data, (key) => {
                gen.if((0, codegen_1._) `${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
                    const alwaysValid = alwaysValidPatterns.includes(pat);
                    if (!alwaysValid) {
                        cxt.subschema({
                            keyword: "patternProperties",
                            schemaProp: pat,
                            dataProp: key,
                            dataPropType: util_2.Type.Str,
                        }, valid);
                    }
                    if (it.opts.unevaluated && props !== true) {
                        gen.assign((0, codegen_1._) `${props}[${key}]`, true);
                    }
                    else if (!alwaysValid && !it.allErrors) {
                        // can short-circuit if `unevaluatedProperties` is not supported (opts.next === false)
                        // or if all properties were evaluated (props === true)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                    }
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=patternProperties.js.map

/***/ }),

/***/ 6467:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const items_1 = __nccwpck_require__(5791);
const def = {
    keyword: "prefixItems",
    type: "array",
    schemaType: ["array"],
    before: "uniqueItems",
    code: (cxt) => (0, items_1.validateTuple)(cxt, "items"),
};
exports["default"] = def;
//# sourceMappingURL=prefixItems.js.map

/***/ }),

/***/ 8778:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const validate_1 = __nccwpck_require__(7881);
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const additionalProperties_1 = __nccwpck_require__(2431);
const def = {
    keyword: "properties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === undefined) {
            additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
            it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
            it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
            return;
        const valid = gen.name("valid");
        for (const prop of properties) {
            if (hasDefault(prop)) {
                applyPropertySchema(prop);
            }
            else {
                gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
                applyPropertySchema(prop);
                if (!it.allErrors)
                    gen.else().var(valid, true);
                gen.endIf();
            }
            cxt.it.definedProperties.add(prop);
            cxt.ok(valid);
        }
        function hasDefault(prop) {
            return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== undefined;
        }
        function applyPropertySchema(prop) {
            cxt.subschema({
                keyword: "properties",
                schemaProp: prop,
                dataProp: prop,
            }, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=properties.js.map

/***/ }),

/***/ 1372:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "property name must be valid",
    params: ({ params }) => (0, codegen_1._) `{propertyName: ${params.propertyName}}`,
};
const def = {
    keyword: "propertyNames",
    type: "object",
    schemaType: ["object", "boolean"],
    error,
    code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
            cxt.setParams({ propertyName: key });
            cxt.subschema({
                keyword: "propertyNames",
                data: key,
                dataTypes: ["string"],
                propertyName: key,
                compositeRule: true,
            }, valid);
            gen.if((0, codegen_1.not)(valid), () => {
                cxt.error(true);
                if (!it.allErrors)
                    gen.break();
            });
        });
        cxt.ok(valid);
    },
};
exports["default"] = def;
//# sourceMappingURL=propertyNames.js.map

/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: ["then", "else"],
    schemaType: ["object", "boolean"],
    code({ keyword, parentSchema, it }) {
        if (parentSchema.if === undefined)
            (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
    },
};
exports["default"] = def;
//# sourceMappingURL=thenElse.js.map

/***/ }),

/***/ 8484:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
const util_2 = __nccwpck_require__(4464);
function checkReportMissingProp(cxt, prop) {
    const { gen, data, it } = cxt;
    gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._) `${prop}` }, true);
        cxt.error();
    });
}
exports.checkReportMissingProp = checkReportMissingProp;
function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
    return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._) `${missing} = ${prop}`)));
}
exports.checkMissingProp = checkMissingProp;
function reportMissingProp(cxt, missing) {
    cxt.setParams({ missingProperty: missing }, true);
    cxt.error();
}
exports.reportMissingProp = reportMissingProp;
function hasPropFunc(gen) {
    return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._) `Object.prototype.hasOwnProperty`,
    });
}
exports.hasPropFunc = hasPropFunc;
function isOwnProperty(gen, data, property) {
    return (0, codegen_1._) `${hasPropFunc(gen)}.call(${data}, ${property})`;
}
exports.isOwnProperty = isOwnProperty;
function propertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
    return ownProperties ? (0, codegen_1._) `${cond} && ${isOwnProperty(gen, data, property)}` : cond;
}
exports.propertyInData = propertyInData;
function noPropertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} === undefined`;
    return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
}
exports.noPropertyInData = noPropertyInData;
function allSchemaProperties(schemaMap) {
    return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
}
exports.allSchemaProperties = allSchemaProperties;
function schemaProperties(it, schemaMap) {
    return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
}
exports.schemaProperties = schemaProperties;
function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
    const dataAndSchema = passSchema ? (0, codegen_1._) `${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
    const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData],
    ];
    if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
    const args = (0, codegen_1._) `${dataAndSchema}, ${gen.object(...valCxt)}`;
    return context !== codegen_1.nil ? (0, codegen_1._) `${func}.call(${context}, ${args})` : (0, codegen_1._) `${func}(${args})`;
}
exports.callValidateCode = callValidateCode;
const newRegExp = (0, codegen_1._) `new RegExp`;
function usePattern({ gen, it: { opts } }, pattern) {
    const u = opts.unicodeRegExp ? "u" : "";
    const { regExp } = opts.code;
    const rx = regExp(pattern, u);
    return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._) `${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`,
    });
}
exports.usePattern = usePattern;
function validateArray(cxt) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
    }
    gen.var(valid, true);
    validateItems(() => gen.break());
    return valid;
    function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
                keyword,
                dataProp: i,
                dataPropType: util_1.Type.Num,
            }, valid);
            gen.if((0, codegen_1.not)(valid), notValid);
        });
    }
}
exports.validateArray = validateArray;
function validateUnion(cxt) {
    const { gen, schema, keyword, it } = cxt;
    /* istanbul ignore if */
    if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
    const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
    if (alwaysValid && !it.opts.unevaluated)
        return;
    const valid = gen.let("valid", false);
    const schValid = gen.name("_valid");
    gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
            keyword,
            schemaProp: i,
            compositeRule: true,
        }, schValid);
        gen.assign(valid, (0, codegen_1._) `${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        // can short-circuit if `unevaluatedProperties/Items` not supported (opts.unevaluated !== true)
        // or if all properties and items were evaluated (it.props === true && it.items === true)
        if (!merged)
            gen.if((0, codegen_1.not)(valid));
    }));
    cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
}
exports.validateUnion = validateUnion;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 9872:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const def = {
    keyword: "id",
    code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
    },
};
exports["default"] = def;
//# sourceMappingURL=id.js.map

/***/ }),

/***/ 7397:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const id_1 = __nccwpck_require__(9872);
const ref_1 = __nccwpck_require__(2996);
const core = [
    "$schema",
    "$id",
    "$defs",
    "$vocabulary",
    { keyword: "$comment" },
    "definitions",
    id_1.default,
    ref_1.default,
];
exports["default"] = core;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2996:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.callRef = exports.getValidate = void 0;
const ref_error_1 = __nccwpck_require__(3162);
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const compile_1 = __nccwpck_require__(2718);
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "$ref",
    schemaType: "string",
    code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
            return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === undefined)
            throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
            return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
            if (env === root)
                return callRef(cxt, validateName, env, env.$async);
            const rootName = gen.scopeValue("root", { ref: root });
            return callRef(cxt, (0, codegen_1._) `${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
            const v = getValidate(cxt, sch);
            callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
            const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
            const valid = gen.name("valid");
            const schCxt = cxt.subschema({
                schema: sch,
                dataTypes: [],
                schemaPath: codegen_1.nil,
                topSchemaRef: schName,
                errSchemaPath: $ref,
            }, valid);
            cxt.mergeEvaluated(schCxt);
            cxt.ok(valid);
        }
    },
};
function getValidate(cxt, sch) {
    const { gen } = cxt;
    return sch.validate
        ? gen.scopeValue("validate", { ref: sch.validate })
        : (0, codegen_1._) `${gen.scopeValue("wrapper", { ref: sch })}.validate`;
}
exports.getValidate = getValidate;
function callRef(cxt, v, sch, $async) {
    const { gen, it } = cxt;
    const { allErrors, schemaEnv: env, opts } = it;
    const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
    if ($async)
        callAsyncRef();
    else
        callSyncRef();
    function callAsyncRef() {
        if (!env.$async)
            throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
            gen.code((0, codegen_1._) `await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
            addEvaluatedFrom(v); // TODO will not work with async, it has to be returned with the result
            if (!allErrors)
                gen.assign(valid, true);
        }, (e) => {
            gen.if((0, codegen_1._) `!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
            addErrorsFrom(e);
            if (!allErrors)
                gen.assign(valid, false);
        });
        cxt.ok(valid);
    }
    function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
    }
    function addErrorsFrom(source) {
        const errs = (0, codegen_1._) `${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`); // TODO tagged
        gen.assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
    }
    function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
            return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        // TODO refactor
        if (it.props !== true) {
            if (schEvaluated && !schEvaluated.dynamicProps) {
                if (schEvaluated.props !== undefined) {
                    it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
                }
            }
            else {
                const props = gen.var("props", (0, codegen_1._) `${source}.evaluated.props`);
                it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
            }
        }
        if (it.items !== true) {
            if (schEvaluated && !schEvaluated.dynamicItems) {
                if (schEvaluated.items !== undefined) {
                    it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
                }
            }
            else {
                const items = gen.var("items", (0, codegen_1._) `${source}.evaluated.items`);
                it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
            }
        }
    }
}
exports.callRef = callRef;
exports["default"] = def;
//# sourceMappingURL=ref.js.map

/***/ }),

/***/ 8886:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const types_1 = __nccwpck_require__(7115);
const compile_1 = __nccwpck_require__(2718);
const ref_error_1 = __nccwpck_require__(3162);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag
        ? `tag "${tagName}" must be string`
        : `value of tag "${tagName}" must be in oneOf`,
    params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._) `{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`,
};
const def = {
    keyword: "discriminator",
    type: "object",
    schemaType: "object",
    error,
    code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
            throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
            throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
            throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
            throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._) `typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
            const mapping = getMapping();
            gen.if(false);
            for (const tagValue in mapping) {
                gen.elseIf((0, codegen_1._) `${tag} === ${tagValue}`);
                gen.assign(valid, applyTagSchema(mapping[tagValue]));
            }
            gen.else();
            cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
            gen.endIf();
        }
        function applyTagSchema(schemaProp) {
            const _valid = gen.name("valid");
            const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
            cxt.mergeEvaluated(schCxt, codegen_1.Name);
            return _valid;
        }
        function getMapping() {
            var _a;
            const oneOfMapping = {};
            const topRequired = hasRequired(parentSchema);
            let tagRequired = true;
            for (let i = 0; i < oneOf.length; i++) {
                let sch = oneOf[i];
                if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
                    const ref = sch.$ref;
                    sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
                    if (sch instanceof compile_1.SchemaEnv)
                        sch = sch.schema;
                    if (sch === undefined)
                        throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
                }
                const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
                if (typeof propSch != "object") {
                    throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
                }
                tagRequired = tagRequired && (topRequired || hasRequired(sch));
                addMappings(propSch, i);
            }
            if (!tagRequired)
                throw new Error(`discriminator: "${tagName}" must be required`);
            return oneOfMapping;
            function hasRequired({ required }) {
                return Array.isArray(required) && required.includes(tagName);
            }
            function addMappings(sch, i) {
                if (sch.const) {
                    addMapping(sch.const, i);
                }
                else if (sch.enum) {
                    for (const tagValue of sch.enum) {
                        addMapping(tagValue, i);
                    }
                }
                else {
                    throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
                }
            }
            function addMapping(tagValue, i) {
                if (typeof tagValue != "string" || tagValue in oneOfMapping) {
                    throw new Error(`discriminator: "${tagName}" values must be unique strings`);
                }
                oneOfMapping[tagValue] = i;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7115:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DiscrError = void 0;
var DiscrError;
(function (DiscrError) {
    DiscrError["Tag"] = "tag";
    DiscrError["Mapping"] = "mapping";
})(DiscrError || (exports.DiscrError = DiscrError = {}));
//# sourceMappingURL=types.js.map

/***/ }),

/***/ 9941:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const core_1 = __nccwpck_require__(7397);
const validation_1 = __nccwpck_require__(5481);
const applicator_1 = __nccwpck_require__(8775);
const format_1 = __nccwpck_require__(2601);
const metadata_1 = __nccwpck_require__(6620);
const draft7Vocabularies = [
    core_1.default,
    validation_1.default,
    (0, applicator_1.default)(),
    format_1.default,
    metadata_1.metadataVocabulary,
    metadata_1.contentVocabulary,
];
exports["default"] = draft7Vocabularies;
//# sourceMappingURL=draft7.js.map

/***/ }),

/***/ 6402:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match format "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{format: ${schemaCode}}`,
};
const def = {
    keyword: "format",
    type: ["number", "string"],
    schemaType: "string",
    $data: true,
    error,
    code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
            return;
        if ($data)
            validate$DataFormat();
        else
            validateFormat();
        function validate$DataFormat() {
            const fmts = gen.scopeValue("formats", {
                ref: self.formats,
                code: opts.code.formats,
            });
            const fDef = gen.const("fDef", (0, codegen_1._) `${fmts}[${schemaCode}]`);
            const fType = gen.let("fType");
            const format = gen.let("format");
            // TODO simplify
            gen.if((0, codegen_1._) `typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._) `${fDef}.type || "string"`).assign(format, (0, codegen_1._) `${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._) `"string"`).assign(format, fDef));
            cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
            function unknownFmt() {
                if (opts.strictSchema === false)
                    return codegen_1.nil;
                return (0, codegen_1._) `${schemaCode} && !${format}`;
            }
            function invalidFmt() {
                const callFormat = schemaEnv.$async
                    ? (0, codegen_1._) `(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))`
                    : (0, codegen_1._) `${format}(${data})`;
                const validData = (0, codegen_1._) `(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
                return (0, codegen_1._) `${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
            }
        }
        function validateFormat() {
            const formatDef = self.formats[schema];
            if (!formatDef) {
                unknownFormat();
                return;
            }
            if (formatDef === true)
                return;
            const [fmtType, format, fmtRef] = getFormat(formatDef);
            if (fmtType === ruleType)
                cxt.pass(validCondition());
            function unknownFormat() {
                if (opts.strictSchema === false) {
                    self.logger.warn(unknownMsg());
                    return;
                }
                throw new Error(unknownMsg());
                function unknownMsg() {
                    return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
                }
            }
            function getFormat(fmtDef) {
                const code = fmtDef instanceof RegExp
                    ? (0, codegen_1.regexpCode)(fmtDef)
                    : opts.code.formats
                        ? (0, codegen_1._) `${opts.code.formats}${(0, codegen_1.getProperty)(schema)}`
                        : undefined;
                const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
                if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
                    return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._) `${fmt}.validate`];
                }
                return ["string", fmtDef, fmt];
            }
            function validCondition() {
                if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
                    if (!schemaEnv.$async)
                        throw new Error("async format in sync schema");
                    return (0, codegen_1._) `await ${fmtRef}(${data})`;
                }
                return typeof format == "function" ? (0, codegen_1._) `${fmtRef}(${data})` : (0, codegen_1._) `${fmtRef}.test(${data})`;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=format.js.map

/***/ }),

/***/ 2601:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const format_1 = __nccwpck_require__(6402);
const format = [format_1.default];
exports["default"] = format;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6620:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.contentVocabulary = exports.metadataVocabulary = void 0;
exports.metadataVocabulary = [
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
];
exports.contentVocabulary = [
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];
//# sourceMappingURL=metadata.js.map

/***/ }),

/***/ 8026:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to constant",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValue: ${schemaCode}}`,
};
const def = {
    keyword: "const",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || (schema && typeof schema == "object")) {
            cxt.fail$data((0, codegen_1._) `!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        }
        else {
            cxt.fail((0, codegen_1._) `${schema} !== ${data}`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=const.js.map

/***/ }),

/***/ 3200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to one of the allowed values",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValues: ${schemaCode}}`,
};
const def = {
    keyword: "enum",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
            throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => (eql !== null && eql !== void 0 ? eql : (eql = (0, util_1.useFunc)(gen, equal_1.default)));
        let valid;
        if (useLoop || $data) {
            valid = gen.let("valid");
            cxt.block$data(valid, loopEnum);
        }
        else {
            /* istanbul ignore if */
            if (!Array.isArray(schema))
                throw new Error("ajv implementation error");
            const vSchema = gen.const("vSchema", schemaCode);
            valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
            gen.assign(valid, false);
            gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._) `${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
            const sch = schema[i];
            return typeof sch === "object" && sch !== null
                ? (0, codegen_1._) `${getEql()}(${data}, ${vSchema}[${i}])`
                : (0, codegen_1._) `${data} === ${sch}`;
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=enum.js.map

/***/ }),

/***/ 5481:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const limitNumber_1 = __nccwpck_require__(3723);
const multipleOf_1 = __nccwpck_require__(8132);
const limitLength_1 = __nccwpck_require__(6962);
const pattern_1 = __nccwpck_require__(6023);
const limitProperties_1 = __nccwpck_require__(895);
const required_1 = __nccwpck_require__(4504);
const limitItems_1 = __nccwpck_require__(6296);
const uniqueItems_1 = __nccwpck_require__(5132);
const const_1 = __nccwpck_require__(8026);
const enum_1 = __nccwpck_require__(3200);
const validation = [
    // number
    limitNumber_1.default,
    multipleOf_1.default,
    // string
    limitLength_1.default,
    pattern_1.default,
    // object
    limitProperties_1.default,
    required_1.default,
    // array
    limitItems_1.default,
    uniqueItems_1.default,
    // any
    { keyword: "type", schemaType: ["string", "array"] },
    { keyword: "nullable", schemaType: "boolean" },
    const_1.default,
    enum_1.default,
];
exports["default"] = validation;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6296:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} items`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxItems", "minItems"],
    type: "array",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `${data}.length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitItems.js.map

/***/ }),

/***/ 6962:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const ucs2length_1 = __nccwpck_require__(6214);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} characters`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxLength", "minLength"],
    type: "string",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._) `${data}.length` : (0, codegen_1._) `${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._) `${len} ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitLength.js.map

/***/ }),

/***/ 3723:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const ops = codegen_1.operators;
const KWDs = {
    maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
    minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
    exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
    exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE },
};
const error = {
    message: ({ keyword, schemaCode }) => (0, codegen_1.str) `must be ${KWDs[keyword].okStr} ${schemaCode}`,
    params: ({ keyword, schemaCode }) => (0, codegen_1._) `{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`,
};
const def = {
    keyword: Object.keys(KWDs),
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._) `${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitNumber.js.map

/***/ }),

/***/ 895:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} properties`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxProperties", "minProperties"],
    type: "object",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `Object.keys(${data}).length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitProperties.js.map

/***/ }),

/***/ 8132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must be multiple of ${schemaCode}`,
    params: ({ schemaCode }) => (0, codegen_1._) `{multipleOf: ${schemaCode}}`,
};
const def = {
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        // const bdt = bad$DataType(schemaCode, <string>def.schemaType, $data)
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec
            ? (0, codegen_1._) `Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}`
            : (0, codegen_1._) `${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._) `(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
    },
};
exports["default"] = def;
//# sourceMappingURL=multipleOf.js.map

/***/ }),

/***/ 6023:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match pattern "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{pattern: ${schemaCode}}`,
};
const def = {
    keyword: "pattern",
    type: "string",
    schemaType: "string",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
            const { regExp } = it.opts.code;
            const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._) `new RegExp` : (0, util_1.useFunc)(gen, regExp);
            const valid = gen.let("valid");
            gen.try(() => gen.assign(valid, (0, codegen_1._) `${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
            cxt.fail$data((0, codegen_1._) `!${valid}`);
        }
        else {
            const regExp = (0, code_1.usePattern)(cxt, schema);
            cxt.fail$data((0, codegen_1._) `!${regExp}.test(${data})`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=pattern.js.map

/***/ }),

/***/ 4504:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { missingProperty } }) => (0, codegen_1.str) `must have required property '${missingProperty}'`,
    params: ({ params: { missingProperty } }) => (0, codegen_1._) `{missingProperty: ${missingProperty}}`,
};
const def = {
    keyword: "required",
    type: "object",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
            return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
            allErrorsMode();
        else
            exitOnErrorMode();
        if (opts.strictRequired) {
            const props = cxt.parentSchema.properties;
            const { definedProperties } = cxt.it;
            for (const requiredKey of schema) {
                if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === undefined && !definedProperties.has(requiredKey)) {
                    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
                    const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
                    (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
                }
            }
        }
        function allErrorsMode() {
            if (useLoop || $data) {
                cxt.block$data(codegen_1.nil, loopAllRequired);
            }
            else {
                for (const prop of schema) {
                    (0, code_1.checkReportMissingProp)(cxt, prop);
                }
            }
        }
        function exitOnErrorMode() {
            const missing = gen.let("missing");
            if (useLoop || $data) {
                const valid = gen.let("valid", true);
                cxt.block$data(valid, () => loopUntilMissing(missing, valid));
                cxt.ok(valid);
            }
            else {
                gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
                (0, code_1.reportMissingProp)(cxt, missing);
                gen.else();
            }
        }
        function loopAllRequired() {
            gen.forOf("prop", schemaCode, (prop) => {
                cxt.setParams({ missingProperty: prop });
                gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
            });
        }
        function loopUntilMissing(missing, valid) {
            cxt.setParams({ missingProperty: missing });
            gen.forOf(missing, schemaCode, () => {
                gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
                gen.if((0, codegen_1.not)(valid), () => {
                    cxt.error();
                    gen.break();
                });
            }, codegen_1.nil);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=required.js.map

/***/ }),

/***/ 5132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dataType_1 = __nccwpck_require__(6685);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: ({ params: { i, j } }) => (0, codegen_1.str) `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    params: ({ params: { i, j } }) => (0, codegen_1._) `{i: ${i}, j: ${j}}`,
};
const def = {
    keyword: "uniqueItems",
    type: "array",
    schemaType: "boolean",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
            return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._) `${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
            const i = gen.let("i", (0, codegen_1._) `${data}.length`);
            const j = gen.let("j");
            cxt.setParams({ i, j });
            gen.assign(valid, true);
            gen.if((0, codegen_1._) `${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
            return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
            const item = gen.name("item");
            const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
            const indices = gen.const("indices", (0, codegen_1._) `{}`);
            gen.for((0, codegen_1._) `;${i}--;`, () => {
                gen.let(item, (0, codegen_1._) `${data}[${i}]`);
                gen.if(wrongType, (0, codegen_1._) `continue`);
                if (itemTypes.length > 1)
                    gen.if((0, codegen_1._) `typeof ${item} == "string"`, (0, codegen_1._) `${item} += "_"`);
                gen
                    .if((0, codegen_1._) `typeof ${indices}[${item}] == "number"`, () => {
                    gen.assign(j, (0, codegen_1._) `${indices}[${item}]`);
                    cxt.error();
                    gen.assign(valid, false).break();
                })
                    .code((0, codegen_1._) `${indices}[${item}] = ${i}`);
            });
        }
        function loopN2(i, j) {
            const eql = (0, util_1.useFunc)(gen, equal_1.default);
            const outer = gen.name("outer");
            gen.label(outer).for((0, codegen_1._) `;${i}--;`, () => gen.for((0, codegen_1._) `${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._) `${eql}(${data}[${i}], ${data}[${j}])`, () => {
                cxt.error();
                gen.assign(valid, false).break(outer);
            })));
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=uniqueItems.js.map

/***/ }),

/***/ 3430:
/***/ ((module) => {



// do not edit .js files directly - edit src/index.jst



module.exports = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;)
        if (!equal(a[i], b[i])) return false;
      return true;
    }



    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;)
      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a!==a && b!==b;
};


/***/ }),

/***/ 1167:
/***/ ((module) => {



var traverse = module.exports = function (schema, opts, cb) {
  // Legacy support for v0.3.1 and earlier.
  if (typeof opts == 'function') {
    cb = opts;
    opts = {};
  }

  cb = opts.cb || cb;
  var pre = (typeof cb == 'function') ? cb : cb.pre || function() {};
  var post = cb.post || function() {};

  _traverse(opts, pre, post, schema, '', schema);
};


traverse.keywords = {
  additionalItems: true,
  items: true,
  contains: true,
  additionalProperties: true,
  propertyNames: true,
  not: true,
  if: true,
  then: true,
  else: true
};

traverse.arrayKeywords = {
  items: true,
  allOf: true,
  anyOf: true,
  oneOf: true
};

traverse.propsKeywords = {
  $defs: true,
  definitions: true,
  properties: true,
  patternProperties: true,
  dependencies: true
};

traverse.skipKeywords = {
  default: true,
  enum: true,
  const: true,
  required: true,
  maximum: true,
  minimum: true,
  exclusiveMaximum: true,
  exclusiveMinimum: true,
  multipleOf: true,
  maxLength: true,
  minLength: true,
  pattern: true,
  format: true,
  maxItems: true,
  minItems: true,
  uniqueItems: true,
  maxProperties: true,
  minProperties: true
};


function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
  if (schema && typeof schema == 'object' && !Array.isArray(schema)) {
    pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
    for (var key in schema) {
      var sch = schema[key];
      if (Array.isArray(sch)) {
        if (key in traverse.arrayKeywords) {
          for (var i=0; i<sch.length; i++)
            _traverse(opts, pre, post, sch[i], jsonPtr + '/' + key + '/' + i, rootSchema, jsonPtr, key, schema, i);
        }
      } else if (key in traverse.propsKeywords) {
        if (sch && typeof sch == 'object') {
          for (var prop in sch)
            _traverse(opts, pre, post, sch[prop], jsonPtr + '/' + key + '/' + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
        }
      } else if (key in traverse.keywords || (opts.allKeys && !(key in traverse.skipKeywords))) {
        _traverse(opts, pre, post, sch, jsonPtr + '/' + key, rootSchema, jsonPtr, key, schema);
      }
    }
    post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
  }
}


function escapeJsonPtr(str) {
  return str.replace(/~/g, '~0').replace(/\//g, '~1');
}


/***/ }),

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6736);

process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6736:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/configuration/hcl.ts
// The structure of a Terraform file the action reads: blocks with their labels, attributes with the string each
// holds when it is a plain literal, and every literal string. Native syntax (.tf, .terraform.lock.hcl) is scanned
// with HCL's lexical rules (comments, quoted strings with ${} and %{} templates, heredocs, nested brackets), so a
// `}` or `#` inside a string, a heredoc or a nested block never ends a block or starts a comment; JSON syntax
// (.tf.json) maps onto the same shape for the blocks that matter here. Not an evaluator, and never throws: a file
// Terraform would refuse is read as far as it goes, and Terraform's own init reports the error.
// No kept HCL2 parser exists for JavaScript: @cdktf/hcl2json is a Go WebAssembly build from the retired CDKTF.
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;
const ESCAPES = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
class NativeScanner {
    src;
    i = 0;
    strings = [];
    /** Lines counted so far: up to `countedTo`, `lines` newlines (blocks come in order). */
    countedTo = 0;
    lines = 0;
    constructor(src) {
        this.src = src;
    }
    /** The 1-based line of offset `at`. */
    lineAt(at) {
        if (at < this.countedTo) {
            this.countedTo = 0;
            this.lines = 0;
        }
        for (let k = this.countedTo; k < at; k++)
            if (this.src.charCodeAt(k) === 10)
                this.lines++;
        this.countedTo = at;
        return this.lines + 1;
    }
    at(text) {
        return this.src.startsWith(text, this.i);
    }
    /** Skips blanks and comments; newlines too when `newlines`. */
    skipSpace(newlines) {
        while (this.i < this.src.length) {
            const c = this.src[this.i];
            if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n'))
                this.i++;
            else if (c === '#' || this.at('//'))
                this.skipLineComment();
            else if (this.at('/*'))
                this.skipBlockComment();
            else
                return;
        }
    }
    skipLineComment() {
        const end = this.src.indexOf('\n', this.i);
        this.i = end < 0 ? this.src.length : end;
    }
    skipBlockComment() {
        const end = this.src.indexOf('*/', this.i + 2);
        this.i = end < 0 ? this.src.length : end + 2;
    }
    identifier() {
        IDENTIFIER.lastIndex = this.i;
        const match = IDENTIFIER.exec(this.src);
        if (!match)
            return undefined;
        this.i += match[0].length;
        return match[0];
    }
    /** A quoted string from its opening quote: its value, or undefined when it holds a template. */
    quoted() {
        this.i++;
        let value = '';
        let template = false;
        while (this.i < this.src.length) {
            const c = this.src[this.i];
            if (c === '"') {
                this.i++;
                break;
            }
            if (c === '\n')
                break; // unterminated: Terraform reports it
            if (c === '\\') {
                value += this.escape();
            }
            else if (this.at('$${') || this.at('%%{')) {
                value += `${c}{`;
                this.i += 3;
            }
            else if (this.at('${') || this.at('%{')) {
                template = true;
                this.i += 2;
                this.skipNested('}');
            }
            else {
                value += c;
                this.i++;
            }
        }
        if (template)
            return undefined;
        this.strings.push(value);
        return value;
    }
    escape() {
        const next = this.src[this.i + 1] ?? '';
        const digits = next === 'u' ? 4 : next === 'U' ? 8 : 0;
        if (digits) {
            const hex = this.src.slice(this.i + 2, this.i + 2 + digits);
            this.i += 2 + digits;
            const code = Number.parseInt(hex, 16);
            return Number.isNaN(code) || code > 0x10ffff ? '' : String.fromCodePoint(code);
        }
        this.i += 2;
        return ESCAPES[next] ?? next;
    }
    /** Skips a heredoc from `<<`; false (nothing skipped) when `<<` does not start one. */
    heredoc() {
        HEREDOC.lastIndex = this.i;
        const match = HEREDOC.exec(this.src);
        if (!match)
            return false;
        let line = this.i + match[0].length;
        while (line < this.src.length) {
            const end = this.src.indexOf('\n', line);
            const text = this.src.slice(line, end < 0 ? this.src.length : end);
            line = end < 0 ? this.src.length : end + 1;
            if (text.trim() === match[1])
                break;
        }
        this.i = line;
        return true;
    }
    /** Skips to the bracket that closes the one just opened (templates, lists, objects, calls). */
    skipNested(close) {
        const closers = [close];
        while (this.i < this.src.length && closers.length) {
            const c = this.src[this.i];
            if (c === '"')
                this.quoted();
            else if (this.at('<<') && this.heredoc())
                continue;
            else if (c === '#' || this.at('//'))
                this.skipLineComment();
            else if (this.at('/*'))
                this.skipBlockComment();
            else {
                if (c === '{' || c === '[' || c === '(')
                    closers.push(c === '{' ? '}' : c === '[' ? ']' : ')');
                else if (c === closers[closers.length - 1])
                    closers.pop();
                this.i++;
            }
        }
    }
    /** An attribute's expression, to the end of its line (or the `}` of a one-line block). */
    expression() {
        let parts = 0;
        let literal;
        for (;;) {
            this.skipSpace(false);
            const c = this.src[this.i];
            if (c === undefined || c === '\n' || c === '}')
                break;
            parts++;
            if (c === '"')
                literal = this.quoted();
            else if (this.at('<<') && this.heredoc())
                break;
            else if (c === '{' || c === '[' || c === '(') {
                this.i++;
                this.skipNested(c === '{' ? '}' : c === '[' ? ']' : ')');
            }
            else
                this.i++;
        }
        return parts === 1 ? literal : undefined;
    }
    body(closing) {
        const attributes = new Map();
        const blocks = [];
        for (;;) {
            this.skipSpace(true);
            const c = this.src[this.i];
            if (c === undefined)
                break;
            if (c === '}') {
                this.i++;
                if (closing)
                    break;
                continue;
            }
            const start = this.i;
            const name = this.identifier();
            if (!name) {
                this.expression();
                if (this.src[this.i] !== '}')
                    this.i++;
                continue;
            }
            this.skipSpace(false);
            if (this.src[this.i] === '=' && this.src[this.i + 1] !== '=') {
                this.i++;
                attributes.set(name, this.expression());
                continue;
            }
            const labels = [];
            for (;;) {
                this.skipSpace(false);
                const label = this.src[this.i] === '"' ? this.quoted() : this.identifier();
                if (label === undefined)
                    break;
                labels.push(label);
            }
            if (this.src[this.i] === '{') {
                this.i++;
                blocks.push({ type: name, labels, line: this.lineAt(start), body: this.body(true) });
            }
            else
                this.expression();
        }
        return { attributes, blocks };
    }
}
/** Reads native syntax (.tf, .terraform.lock.hcl). */
function parseHcl(text) {
    const scanner = new NativeScanner(text);
    const body = scanner.body(false);
    return { ...body, strings: scanner.strings };
}
function objects(value) {
    const list = Array.isArray(value) ? value : [value];
    return list.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
}
function jsonBody(value, nested = () => []) {
    const attributes = new Map();
    const blocks = [];
    for (const [key, item] of Object.entries(value)) {
        const inner = nested(key, item);
        if (inner.length)
            blocks.push(...inner);
        else
            attributes.set(key, typeof item === 'string' ? item : undefined);
    }
    return { attributes, blocks };
}
/** `terraform` blocks: their backend, cloud and required_providers blocks are blocks, the rest attributes. */
function terraformBlock(body) {
    const nested = (key, value) => {
        if (key === 'backend') {
            return objects(value).flatMap((byType) => Object.entries(byType).flatMap(([type, config]) => objects(config).map((c) => ({ type: 'backend', labels: [type], line: 1, body: jsonBody(c) }))));
        }
        if (key === 'cloud' || key === 'required_providers') {
            return objects(value).map((c) => ({ type: key, labels: [], line: 1, body: jsonBody(c) }));
        }
        return [];
    };
    return { type: 'terraform', labels: [], line: 1, body: jsonBody(body, nested) };
}
/** Blocks with `depth` labels, as JSON nests them: {"provider": {"okta": {...}}}, {"resource": {"t": {"n": {...}}}}. */
function labelled(type, value, depth, labels = []) {
    if (labels.length === depth)
        return objects(value).map((body) => ({ type, labels, line: 1, body: jsonBody(body) }));
    return objects(value).flatMap((byLabel) => Object.entries(byLabel).flatMap(([label, inner]) => labelled(type, inner, depth, [...labels, label])));
}
function jsonStrings(value, found) {
    if (typeof value === 'string')
        found.push(value);
    else if (Array.isArray(value))
        for (const item of value)
            jsonStrings(item, found);
    else if (typeof value === 'object' && value !== null)
        for (const item of Object.values(value))
            jsonStrings(item, found);
    return found;
}
const LABELS = {
    provider: 1,
    module: 1,
    variable: 1,
    output: 1,
    resource: 2,
    data: 2,
};
/** Reads JSON syntax (.tf.json); a file that is not JSON reads as empty (terraform init reports it). */
function parseHclJson(text) {
    let document;
    try {
        document = JSON.parse(text);
    }
    catch {
        return { attributes: new Map(), blocks: [], strings: [] };
    }
    const blocks = [];
    for (const top of objects(document)) {
        for (const [type, value] of Object.entries(top)) {
            if (type === 'terraform')
                blocks.push(...objects(value).map(terraformBlock));
            else if (LABELS[type] !== undefined)
                blocks.push(...labelled(type, value, LABELS[type]));
        }
    }
    return { attributes: new Map(), blocks, strings: jsonStrings(document, []) };
}

;// CONCATENATED MODULE: ./src/configuration/module.ts
// What a Terraform module directory's configuration (.tf and .tf.json files) says, read once: the one reader behind
// the working-directory check, the Okta credentials preflight, the version to install and discover's root modules.



const OKTA_SOURCE = /(^|\/)okta\/okta$/;
const LOCK_FILE = '.terraform.lock.hcl';
function isConfigurationFile(name) {
    return name.endsWith('.tf') || name.endsWith('.tf.json');
}
async function parseFile(directory, name) {
    const text = await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(directory, name), 'utf8');
    return name.endsWith('.json') ? parseHclJson(text) : parseHcl(text);
}
function ofType(blocks, type) {
    return blocks.filter((b) => b.type === type);
}
/** Reads every .tf and .tf.json file of `directory` (and its lock file). A missing directory reads as empty. */
async function readModuleConfiguration(directory) {
    let names;
    try {
        names = (await (0,promises_namespaceObject.readdir)(directory)).sort();
    }
    catch {
        names = [];
    }
    const files = names.filter(isConfigurationFile);
    const requiredVersions = [];
    const providers = [];
    const moduleSources = [];
    let hasBackend = false;
    let usesOkta = false;
    const declarations = new Map();
    for (const file of files) {
        const parsed = await parseFile(directory, file);
        for (const block of parsed.blocks) {
            const [first, second] = block.labels;
            if (block.type === 'resource' && first && second)
                declarations.set(`${first}.${second}`, { file, line: block.line });
            if (block.type === 'module' && first)
                declarations.set(`module.${first}`, { file, line: block.line });
        }
        for (const terraform of ofType(parsed.blocks, 'terraform')) {
            const constraint = terraform.body.attributes.get('required_version');
            if (constraint !== undefined)
                requiredVersions.push({ file, constraint });
            if (terraform.body.blocks.some((b) => b.type === 'backend' || b.type === 'cloud'))
                hasBackend = true;
        }
        for (const provider of ofType(parsed.blocks, 'provider')) {
            providers.push({ name: provider.labels[0] ?? '', attributes: provider.body.attributes });
        }
        for (const call of ofType(parsed.blocks, 'module')) {
            const source = call.body.attributes.get('source');
            if (source !== undefined)
                moduleSources.push(source);
        }
        const oktaObjects = parsed.blocks.some((b) => (b.type === 'resource' || b.type === 'data') && b.labels[0]?.startsWith('okta_'));
        if (oktaObjects || parsed.strings.some((s) => OKTA_SOURCE.test(s)))
            usesOkta = true;
    }
    if (providers.some((p) => p.name === 'okta'))
        usesOkta = true;
    if (!usesOkta && names.includes(LOCK_FILE)) {
        usesOkta = Object.keys(await lockedProviders(directory)).some((source) => OKTA_SOURCE.test(source));
    }
    return { files, requiredVersions, providers, moduleSources, hasBackend, usesOkta, declarations };
}
/** Provider source → locked version, from the directory's .terraform.lock.hcl ({} without one). */
async function lockedProviders(directory) {
    let lock;
    try {
        lock = await parseFile(directory, LOCK_FILE);
    }
    catch {
        return {};
    }
    const versions = {};
    for (const block of ofType(lock.blocks, 'provider')) {
        const source = block.labels[0];
        if (source)
            versions[source] = block.body.attributes.get('version') ?? '';
    }
    return versions;
}

;// CONCATENATED MODULE: ./src/errors.ts
// One error type for everything the action reports as a failure, and one way to read any thrown value.
const FAILURE_REASONS = (/* unused pure expression or super */ null && ([
    'invalid-input',
    'credentials-missing',
    'init-failed',
    'plan-failed',
    'rate-limited',
    'state-locked',
    'plan-changed',
    'plan-not-found',
    'high-risk-not-approved',
    'apply-failed',
    'state-not-saved',
    'cancelled',
    'github-unavailable',
    'internal-error',
]));
/** A failure with a reason (the `failure-reason` output) and a one-line message that names the problem and the fix. */
class ActionError extends Error {
    reason;
    name = 'ActionError';
    constructor(reason, message) {
        super(message);
        this.reason = reason;
    }
}
/**
 * Any thrown value as the failure it is: an ActionError as it is; a full disk, a stack too deep for a value, or
 * anything else the action did not foresee, as internal-error with what happened. Every failure has a reason.
 */
function asActionError(e) {
    if (e instanceof ActionError)
        return e;
    const code = e?.code;
    if (code === 'ENOSPC') {
        return new ActionError('internal-error', `the runner's disk is full (${errorMessage(e)}): free space (or use a larger runner), then re-run`);
    }
    return new ActionError('internal-error', `unexpected error (please report it): ${errorMessage(e)}`);
}
/** The message of anything thrown, on one line: Error or not. */
function errorMessage(e) {
    let text;
    // Error-like too: an error from another realm (a VM context) is no instanceof Error here.
    const message = e?.message;
    if (e instanceof Error)
        text = e.message;
    else if (typeof e === 'object' && typeof message === 'string')
        text = message;
    else if (typeof e === 'string')
        text = e;
    else {
        try {
            text = JSON.stringify(e) ?? String(e);
        }
        catch {
            text = String(e);
        }
    }
    return text.replace(/\s*\r?\n\s*/g, ' ').trim() || 'unknown error';
}

;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
;// CONCATENATED MODULE: ./src/plan/json-skip-wasm.ts
// Generated by scripts/wasm.mjs from src/plan/wasm/json-skip.wat: do not edit.
const JSON_SKIP_WASM = 'AGFzbQEAAAABJgZgA39/fwBgAAF/YAN/f38Bf2ACf38Bf2ABfwF/YAV/f39/fwF/Aw4NAAECAQEDAwQDAwMCBQUDAQBgBhUEfwFB' +
    'AAt/AUEAC38BQQALfwFBAAsHSggGbWVtb3J5AgAIc2V0U3RhdGUAAAVkZXB0aAABBHNraXAAAghpblN0cmluZwADB2VzY2FwZWQA' +
    'BARzY2FuAAYHbWVtYmVycwAMCs8LDQ4AIAAkACABJAEgAiQCCwQAIwALFAAgAiQAQQAkAUEAJAIgACABEAYLBAAjAQsEACMCC3wA' +
    'IwEEQCAAQdwARgRAQX4PCyAAQSJGBEBBACQBIwBFBEAgAUEBag8LC0EADwsgAEEiRgRAQQEkAUEADwsgAEH7AEYgAEHbAEZyBEAj' +
    'AEEBaiQAQQAPCyAAQf0ARiAAQd0ARnIEQCMAQQFrJAAjAEUEQCABQQFqDwsLQQALtQMCAXsGfyMCBEAgACABTwRAQX8PC0EAJAIg' +
    'AEEBaiEACwJAA0AgAEEQaiABSw0BIAD9AAAAIQIgAkEi/Q/9IyACQdwA/Q/9I/1QIAJB+wD9D/0jIAJB/QD9D/0j/VAgAkHbAP0P' +
    '/SMgAkHdAP0P/SP9UP1Q/VD9ZCEDIwAhByMBIQgCQANAIANFDQEgA2ghBCADIANBAWtxIQMgACAEai0AACEGIAgEQCAGQdwARgRA' +
    'IARBD0YEQEEBJAIFIANBAiAEdEF/c3EhAwsFIAZBIkYEQEEAIQggB0UEQCAAIARqQQFqDwsLCwUgBkEiRgRAQQEhCAUgBkH7AEYg' +
    'BkHbAEZyBEAgB0EBaiEHBSAGQf0ARiAGQd0ARnIEQCAHQQFrIQcgB0UEQCAAIARqQQFqDwsLCwsLDAALCyAHJAAgCCQBIABBEGoh' +
    'ACMCBEAgACABTwRAQX8PC0EAJAIgAEEBaiEACwwACwsCQANAIAAgAU8NASAALQAAIAAQBSEFIAVBAEoEQCAFDwsgBUF+RgRAIABB' +
    'AWogAU8EQEEBJAJBfw8LIABBAWohAAsgAEEBaiEADAALC0F/CxkAIABBIEYgAEEKRnIgAEENRiAAQQlGcnILMQEBfwJAA0AgACAB' +
    'Tw0BIAAtAAAhAiACQSBLDQEgAhAHRQ0BIABBAWohAAwACwsgAAu0AQIBewJ/IABBAWohAAJAA0AgAEEQaiABSw0BIAD9AAAAIQIg' +
    'AkEi/Q/9IyACQdwA/Q/9I/1Q/WQhAyADRQRAIABBEGohAAwBCyAAIANoaiEAIAAtAABBIkYEQCAAQQFqDwtBASQDIABBAmohAAwA' +
    'CwsCQANAIAAgAU8NASAALQAAIQQgBEEiRgRAIABBAWoPCyAEQdwARgRAQQEkAwsgAEECQQEgBEHcAEYbaiEADAALC0F/C0EBAX8C' +
    'QANAIAAgAU8NASAALQAAIQIgAkEsRiACQf0ARnIgAkHdAEYgAhAHcnIEQCAADwsgAEEBaiEADAALC0F/C1sBAn8gAkEASARAQQEP' +
    'CyMDBEBBAQ8LIAEgAGtBAmshAyADQcMAbCAALQABQR9sIAFBAmstAABqQQAgAxtqQf8fcSEEIAIgBEEDdmotAABBASAEQQdxdHFB' +
    'AEcLxQMBCH8DQCAAIAEQCCEAIAAgAU8EQEF/DwsgAC0AACEGIAZB/QBGBEBBgICAAkEANgIAQYSAgAIgAEEBajYCACAFDwsgAkUE' +
    'QCAGQSxHBEBBfg8LIABBAWogARAIIQAgACABTwRAQX8PCyAALQAAIQYLQQAhAiAGQSJHBEBBfg8LIAAhB0EAJAMgACABEAkhCCAI' +
    'QQBIBEBBfw8LIAcgCCAEEAshDCAIIAEQCCEAIAAgAU8EQEF/DwsgAC0AAEE6RwRAQX4PCyAAQQFqIAEQCCEJIAkgAU8EQEF/Dwsg' +
    'CS0AACEGQZCAgAIgBUEEdGohCyAMBEAgCyAHNgIAIAsgCCMDQR90cjYCBCALIAk2AgggBUEBaiEFCyAGQSJGBEAgCSABEAkhCgUg' +
    'BkH7AEYgBkHbAEZyBEAgAyAMcQRAIAtBfzYCDEGAgIACQQE2AgAgBQ8LQQAkAEEAJAFBACQCIAkgARAGIQoFIAZBLEYgBkH9AEZy' +
    'IAZB3QBGIAZBOkZycgRAQX4PCyAJIAEQCiEKCwsgCkEASARAQX8PCyAMBEAgCyAKNgIMCyAKIQAgBUGAIE8EQEGAgIACQQI2AgAg' +
    'BQ8LDAALAAs=';

;// CONCATENATED MODULE: ./src/plan/wasm-skip.ts
// The WebAssembly skipper (wasm/json-skip.wat): where a JSON container or string ends, 16 bytes at a time, about
// four times the JavaScript loop's speed; and where the wanted members of an object are (membersInMemory), for
// ObjectIndex. It reads its own memory only, so the plan file is read straight into buffers that live there
// (chunkBuffers); bytes anywhere else are walked by the JavaScript loops in json-scan.ts and object-index.ts.

let wasm_skip_exports;
/** The instance's memory: what inSkipMemory compares with, on every value skipped. */
let memoryBuffer = null;
/**
 * The hot exports, held as functions: V8 calls a WebAssembly function it can see through a variable by its fast
 * wrapper, and one looked up on the exports object by its generic one (a tenth of a large plan's time).
 */
let skip = () => -1;
let members = () => -1;
/** The instance, made on first use; null where WebAssembly SIMD is not available (the JavaScript loop serves). */
function skipper() {
    if (wasm_skip_exports === undefined) {
        const api = globalThis.WebAssembly;
        try {
            const module = api ? new api.Module(Buffer.from(JSON_SKIP_WASM, 'base64')) : null;
            // The exports are those json-skip.wat declares.
            wasm_skip_exports = module && api ? new api.Instance(module).exports : null;
            memoryBuffer = wasm_skip_exports?.memory.buffer ?? null;
            if (wasm_skip_exports)
                ({ skip, members } = wasm_skip_exports);
        }
        catch (error) {
            // A runtime without WebAssembly SIMD refuses the module (a CompileError): the JavaScript loop serves.
            if (!(error instanceof Error))
                throw error;
            wasm_skip_exports = null;
        }
    }
    return wasm_skip_exports;
}
/** Whether `buf` lives in the skipper's memory (so that the skipper can read it). */
function inSkipMemory(buf) {
    // Only buffers lent by chunkBuffers can be in it, and lending made the instance.
    return memoryBuffer !== null && buf.buffer === memoryBuffer;
}
/**
 * Skips from `pos` in `buf` (which must be in the skipper's memory) with `state`: the offset just past the value, or
 * -1 when `end` came first, and then `state` is where the skip stands, to resume from with the next bytes.
 */
function skipInMemory(buf, pos, end, state) {
    const wasm = skipper();
    wasm.setState(state.depth, state.inString ? 1 : 0, state.escaped ? 1 : 0);
    const found = wasm.scan(buf.byteOffset + pos, buf.byteOffset + end);
    if (found >= 0)
        return found - buf.byteOffset;
    // Read back only to resume: a finished skip's state is nobody's (two calls per container, not five).
    state.depth = wasm.depth();
    state.inString = wasm.inString() === 1;
    state.escaped = wasm.escaped() === 1;
    return -1;
}
/**
 * Where the container ends that `pos` (in `buf`, in the skipper's memory) is `depth` levels inside of (0: `pos` is
 * its opening bracket), or -1 when `end` comes first.
 */
function containerEndInMemory(buf, pos, end, depth) {
    const found = skip(buf.byteOffset + pos, buf.byteOffset + end, depth);
    return found < 0 ? -1 : found - buf.byteOffset;
}
/** Where json-skip.wat keeps the member table: after the two chunk buffers (at most 2 MiB each). */
const TABLE = 4 * 1024 * 1024;
/**
 * The table's header: [status, objectEnd]; then four numbers per member from RECORDS. Status MEMBERS_ENDED: the
 * object ended at objectEnd; 1: stopped at a container; 2: the table is full (call again from the last valueEnd).
 */
const MEMBERS_ENDED = 0;
const RECORDS = 4;
let table = null;
/**
 * Walks the members of the object in `buf` (in the skipper's memory) from `pos`: just past its "{" when `first`,
 * else just past a value. Writes into memberTable() the members whose keys `filter` (from keyFilter) may hold, and
 * skips the others; returns how many it wrote, -1 when `end` came first, -2 when the JSON is not well formed there.
 * `stop`: stop at the first such member whose value is a container, not skipped (its valueEnd is -1). Offsets in the
 * table are the memory's: subtract buf.byteOffset. A keyEnd below 0 is a key with escapes: clear bit 31.
 */
function membersInMemory(buf, pos, end, first, stop, filter) {
    return members(buf.byteOffset + pos, buf.byteOffset + end, first ? 1 : 0, stop ? 1 : 0, filter);
}
/** Key filters: 4,096 bits each, after the member table; made once per set of keys. */
const FILTERS = TABLE + 128 * 1024;
const FILTER_BYTES = 512;
const MAX_FILTERS = 64;
const filters = new Map();
/** The hash json-skip.wat's $wanted computes: the key's length, first and last byte. */
function keyHash(key) {
    const n = key.length;
    return (n * 67 + (n === 0 ? 0 : key[0] * 31 + key[n - 1])) & 4095;
}
/**
 * The filter for these keys (their UTF-8 bytes), for membersInMemory; -1 (every member) when WebAssembly is not
 * available or the filters are all taken. A filter may let other keys through: the caller matches each key itself.
 */
function keyFilter(keys) {
    const wasm = skipper();
    if (!wasm)
        return -1;
    const name = keys.map((k) => k.toString('hex')).join(',');
    let id = filters.get(name);
    if (id === undefined) {
        if (filters.size >= MAX_FILTERS)
            return -1;
        id = FILTERS + filters.size * FILTER_BYTES;
        const bits = new Uint8Array(wasm.memory.buffer, id, FILTER_BYTES);
        bits.fill(0);
        for (const key of keys) {
            const h = keyHash(key);
            bits[h >> 3] = bits[h >> 3] | (1 << (h & 7));
        }
        filters.set(name, id);
    }
    return id;
}
/** The member table members() writes: [status, objectEnd, 0, 0], then [keyStart, keyEnd, valueStart, valueEnd]. */
function memberTable() {
    table ??= new Int32Array(skipper().memory.buffer, TABLE, RECORDS + 4 * 4096);
    return table;
}
let lent = false;
/**
 * Two buffers of `bytes` in the skipper's memory, for one file reader at a time (null when they are lent out, too
 * large, or WebAssembly is not available: the reader then uses its own). Give them back with returnChunkBuffers.
 */
function chunkBuffers(bytes) {
    const wasm = skipper();
    if (!wasm || lent || 2 * bytes > TABLE)
        return null;
    lent = true;
    return [Buffer.from(wasm.memory.buffer, 0, bytes), Buffer.from(wasm.memory.buffer, bytes, bytes)];
}
function returnChunkBuffers() {
    lent = false;
}

;// CONCATENATED MODULE: ./src/plan/plan-file.ts
// Opens a plan as a stream of UTF-8 chunks: a file or stdin, UTF-8 with or without BOM, or UTF-16 (LE/BE) with a
// BOM (PowerShell's `>` writes UTF-16) or without one (told by the zero bytes beside the first ASCII character).
// Nothing is read whole.




const CHUNK_BYTES = 1 << 21;
function detect(head) {
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        return { encoding: 'utf-8', bomBytes: 3 };
    if (head[0] === 0xff && head[1] === 0xfe)
        return { encoding: 'utf-16le', bomBytes: 2 };
    if (head[0] === 0xfe && head[1] === 0xff)
        return { encoding: 'utf-16be', bomBytes: 2 };
    // No byte-order mark: JSON starts with an ASCII character, so a zero byte beside it is UTF-16 (RFC 4627 §3).
    if (head.length >= 2 && head[0] !== 0 && head[1] === 0)
        return { encoding: 'utf-16le', bomBytes: 0 };
    if (head.length >= 2 && head[0] === 0 && head[1] !== 0)
        return { encoding: 'utf-16be', bomBytes: 0 };
    return { encoding: 'utf-8', bomBytes: 0 };
}
function checkNotBinaryPlan(head) {
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
        throw new ActionError('invalid-input', 'the input is a binary plan file (a zip), not JSON: run `terraform show -json PLANFILE > plan.json` and pass plan.json');
    }
}
function swapBytePairs(chunk) {
    const copy = Buffer.from(chunk);
    return copy.swap16();
}
/** Re-chunks `source` as UTF-8 chunks, whatever the input encoding. */
async function* utf8Chunks(source) {
    let encoding = null;
    let head = Buffer.alloc(0);
    let decoder = null;
    let odd = null;
    for await (const piece of source) {
        let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
        if (encoding === null) {
            // The first chunk as it is when it holds the 4 bytes the encoding is read from (it may be in the skipper's
            // memory: a copy would not be).
            head = head.length === 0 && chunk.length >= 4 ? chunk : Buffer.concat([head, chunk]);
            if (head.length < 4)
                continue;
            checkNotBinaryPlan(head);
            const detected = detect(head);
            encoding = detected.encoding;
            chunk = head.subarray(detected.bomBytes);
            if (encoding !== 'utf-8')
                decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf16le');
        }
        if (!decoder) {
            if (chunk.length)
                yield chunk;
            continue;
        }
        if (odd) {
            chunk = Buffer.concat([odd, chunk]);
            odd = null;
        }
        if (chunk.length % 2) {
            odd = Buffer.from(chunk.subarray(chunk.length - 1));
            chunk = chunk.subarray(0, chunk.length - 1);
        }
        const le = encoding === 'utf-16be' ? swapBytePairs(chunk) : chunk;
        yield Buffer.from(decoder.write(le), 'utf8');
    }
    if (encoding === null) {
        if (head.length)
            checkNotBinaryPlan(head);
        const detected = detect(head);
        if (detected.encoding !== 'utf-8' && head.length > detected.bomBytes) {
            throw new ActionError('invalid-input', 'the plan file is too short to be a plan');
        }
        if (head.length > detected.bomBytes)
            yield head.subarray(detected.bomBytes);
        return;
    }
    if (odd)
        throw new ActionError('invalid-input', 'the UTF-16 plan file ends in the middle of a character');
    if (decoder) {
        const rest = decoder.end();
        if (rest)
            yield Buffer.from(rest, 'utf8');
    }
}
/**
 * The file's bytes, one chunk at a time, in two buffers taken in turn: the next chunk is read while the reader
 * consumes this one (a 789 MB plan waited 0.7 s on reads one at a time). Memory stays flat whatever the file's size.
 * Each chunk is valid until the next is asked for; the reader consumes it synchronously (and copies what it keeps).
 */
async function* fileChunks(path) {
    const file = await (0,promises_namespaceObject.open)(path, 'r');
    const read = (into) => file.read(into, 0, CHUNK_BYTES, null).then((result) => result.bytesRead);
    // In the WebAssembly skipper's memory when free, so that skipping reads them there.
    const lent = chunkBuffers(CHUNK_BYTES);
    let [filling, spare] = lent ?? [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let pending = read(filling);
    try {
        for (;;) {
            const bytesRead = await pending;
            if (bytesRead === 0) {
                pending = null;
                return;
            }
            const chunk = filling;
            [filling, spare] = [spare, chunk];
            pending = read(filling);
            yield chunk.subarray(0, bytesRead);
        }
    }
    finally {
        // The reader stopped early: the read ahead is not wanted, whatever its outcome, but must end before the close.
        if (pending)
            await pending.then(noop, noop);
        if (lent)
            returnChunkBuffers();
        await file.close();
    }
}
const noop = () => undefined;
/** The plan at `path` (or stdin for "-") as UTF-8 chunks. Fails with a one-line reason when it can't be read. */
async function openPlan(path) {
    if (path === '-')
        return utf8Chunks(process.stdin);
    let info;
    try {
        info = await (0,promises_namespaceObject.stat)(path);
    }
    catch (e) {
        const code = e.code;
        const why = code === 'ENOENT'
            ? 'does not exist'
            : code === 'EACCES'
                ? 'is not readable'
                : `can't be read (${code})`;
        throw new ActionError('invalid-input', `the plan file ${path} ${why}: check the path (relative paths start at the working directory)`);
    }
    if (info.isDirectory()) {
        throw new ActionError('invalid-input', `${path} is a directory, not a plan file: pass the file written by \`terraform show -json PLANFILE\``);
    }
    if (info.size === 0) {
        throw new ActionError('invalid-input', `the plan file ${path} is empty: did \`terraform show -json\` fail?`);
    }
    return utf8Chunks(fileChunks(path));
}
/** The same conversion, for chunks already in memory (tests, the CLI's stdin). */
function planChunks(source) {
    return utf8Chunks(source);
}

;// CONCATENATED MODULE: ./src/okta/catalog-data.ts
// Okta catalog: one line per okta/okta resource type. Built from reference/okta/*.tsv (provider v6.12.0),
// types added in later releases (categories-post-v6.12.tsv) and types removed in v4.0.0 that old state may still hold.
// Columns (TAB-separated): type, category, subcategory, noun, deleteRisk, updateRisk, names, replaceAttrs, secretAttrs, reason
const CATALOG_TSV = `
okta_admin_role_custom	Admin roles & resource sets	Custom admin roles	Custom admin role	high	high	{label} || {description}	label		Custom admin role permissions: adding permissions widens every assignee; delete removes access for all bindings. label is ForceNew.
okta_admin_role_custom_assignments	Admin roles & resource sets	Admin role assignments	Custom admin role assignment	high	high	{@custom_role_id} on {@resource_set_id} || {@custom_role_id} → {#members} members	custom_role_id,resource_set_id		Binds custom role + resource set to users/groups (members): widens/narrows admin access.
okta_admin_role_targets	Admin roles & resource sets	Admin role assignments	Admin role targets	high	high	{role_type} targets of user {@user_id} || {role_type} targets	role_type,user_id		Scopes an admin role to apps/groups: removing targets can turn a scoped role into an org-wide one.
okta_agent_pool_update	Directory integrations	Agents	Agent auto-update	medium	medium	{name} || Update of agent pool {@pool_id}	pool_id		Agent (AD/LDAP) auto-update schedule: bad update windows can take directory agents offline.
okta_api_service_integration	Applications & assignments	API service integrations	API service integration	medium	medium	{name} || {type}			API service integration (OIN service app with scopes): delete revokes its credentials.
okta_api_token	API tokens & trusted origins	API tokens	API token	high	medium	{name} || {client_name}			API token: delete revokes it (integrations or the Terraform pipeline itself may break); network restrictions changes can block callers.
okta_app_access_policy_assignment	Policies & rules	Authentication (app sign-in) policy	Authentication policy assignment	none	high	App {@app_id} → policy {@policy_id} || App {@app_id}			Which authentication policy an app uses: delete is a no-op in the provider; update switches the app to another policy.
okta_app_auto_login	Applications & assignments	Apps	SWA app (auto-login)	high	medium	{label} || {preconfigured_app}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_basic_auth	Applications & assignments	Apps	Basic auth app	high	medium	{label} || {url}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_bookmark	Applications & assignments	Apps	Bookmark app	high	medium	{label} || {url}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_connection	Applications & assignments	Provisioning	Provisioning connection	medium	medium	Provisioning of app {@id} || {base_url}			Provisioning connection (base URL/credentials/action): deactivate stops provisioning.
okta_app_features	Applications & assignments	Provisioning	Provisioning feature	none	high	{@app_id} / {name} || {name}			Provisioning features (create/update/deactivate users, password push): enabling deactivation can deprovision downstream accounts; delete unsupported.
okta_app_federated_claim	Applications & assignments	App settings	Federated claim	medium	medium	{@app_id} / {name} || {name}			Federated claim on an app: changes token/assertion content.
okta_app_group_assignment	Applications & assignments	App assignments	App assignment	high	medium	App {@app_id} ← group {@group_id}	app_id,group_id		App-to-group assignment: delete unassigns the app from all group members (SCIM deprovision unless retain_assignment); priority/profile changes alter provisioned attributes.
okta_app_group_assignments	Applications & assignments	App assignments	App group assignments	high	medium	App {@app_id} ← {#group} groups	app_id		All group assignments of an app: removing a group unassigns its members (deprovisioning).
okta_app_oauth	Applications & assignments	Apps	OIDC app	high	high	{label} || {name}	client_id,type		App: delete deactivates and deletes the app (SSO stops, SCIM deprovisioning, client_id/secret lost); redirect URIs, grant types, SAML ACS/audience/signing, authentication_policy changes widen access or break SSO.
okta_app_oauth_api_scope	Applications & assignments	App settings	Okta API scope grants	medium	high	App {@app_id} ← {#scopes} Okta API scopes	app_id		Grants Okta management API scopes (okta.*.manage) to an OAuth app (maybe the Terraform app itself): widens machine access; delete revokes integration access.
okta_app_oauth_post_logout_redirect_uri	Applications & assignments	App settings	Post-logout redirect URI	low	medium	{@app_id} / {uri} || {uri}	app_id		DEPRECATED post-logout redirect URI.
okta_app_oauth_redirect_uri	Applications & assignments	App settings	Redirect URI	medium	high	{@app_id} / {uri} || {uri}	app_id		DEPRECATED single redirect URI: adding an attacker-controlled URI enables token theft; removing breaks login.
okta_app_oauth_role_assignment	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{label} → app {@client_id} || {type} → app {@client_id} || {label} || {type}	client_id,resource_set,role,type		Admin role assigned to an OAuth service app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_app_saml	Applications & assignments	Apps	SAML app	high	high	{label} || {preconfigured_app} || {name}	preconfigured_app		App: delete deactivates and deletes the app (SSO stops, SCIM deprovisioning, client_id/secret lost); redirect URIs, grant types, SAML ACS/audience/signing, authentication_policy changes widen access or break SSO.
okta_app_saml_app_settings	Applications & assignments	App settings	SAML app settings	none	medium	Settings of app {@app_id}	app_id		OIN SAML app settings JSON; delete is a no-op.
okta_app_secure_password_store	Applications & assignments	Apps	Secure password store app	high	medium	{label} || {url}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_shared_credentials	Applications & assignments	Apps	SWA app (shared credentials)	high	medium	{label} || {preconfigured_app}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_signon_policy	Policies & rules	Authentication (app sign-in) policy	Authentication policy	high	high	{name} || {description}			Authentication policy: delete re-assigns all its apps to the default policy (provider code) -> access requirements of those apps change.
okta_app_signon_policy_rule	Policies & rules	Authentication (app sign-in) policy	Authentication policy rule	high	high	{@policy_id} / {name} || {name}	policy_id		Authentication policy rule: access ALLOW/DENY, factor_mode 1FA/2FA, constraints, network zones; deleting a DENY rule or loosening factor_mode widens access; priority drift is common.
okta_app_signon_policy_rules	Policies & rules	Authentication (app sign-in) policy	Authentication policy rules	high	high	{@policy_id} ← {#rule} rules || {@policy_id}	policy_id		All rules of an authentication policy managed as one object: one change can reorder/replace every rule of the policy.
okta_app_swa	Applications & assignments	Apps	SWA app	high	medium	{label} || {url} || {preconfigured_app}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_three_field	Applications & assignments	Apps	SWA app (three-field)	high	medium	{label} || {url}			App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_app_token	Applications & assignments	App settings	OAuth refresh token	low	low	Token of app {@client_id} for user {@user_id} || Token of app {@client_id}			App refresh token: delete revokes that token.
okta_app_user	Applications & assignments	App assignments	App assignment (user)	high	medium	App {@app_id} ← user {username} || App {@app_id} ← user {@user_id}			Direct app assignment of a user: delete unassigns/deprovisions (unless retain_assignment).
okta_app_user_base_schema	Profiles, schemas & mappings	App user profile schema	App user profile base attribute	none	medium	{@app_id} / {title} || {title} || {index}			Removed in provider v4.0.0 (old name of okta_app_user_base_schema_property); only old state holds it: Base app user attribute: delete is a no-op; changes affect provisioning.
okta_app_user_base_schema_property	Profiles, schemas & mappings	App user profile schema	App user profile base attribute	none	medium	{@app_id} / {title} || {title} || {index}	index,type		Base app user attribute: delete is a no-op; changes affect provisioning.
okta_app_user_schema	Profiles, schemas & mappings	App user profile schema	App user profile attribute	high	medium	{@app_id} / {title} || {title} || {index}			Removed in provider v4.0.0 (old name of okta_app_user_schema_property); only old state holds it: Custom app user attribute: delete drops values for all assignments (and what is pushed to the app); index/type/scope ForceNew.
okta_app_user_schema_property	Profiles, schemas & mappings	App user profile schema	App user profile attribute	high	medium	{@app_id} / {title} || {title} || {index}	array_type,external_name,external_namespace,index,scope,type,unique		Custom app user attribute: delete drops values for all assignments (and what is pushed to the app); index/type/scope ForceNew.
okta_auth_server	Authorization servers	Authorization servers	Authorization server	high	high	{name} || {audiences.0}			Custom authorization server: delete breaks every app/API validating its tokens; issuer_mode/audiences changes invalidate token validation.
okta_auth_server_claim	Authorization servers	Claims	Claim	medium	medium	{@auth_server_id} / {name} || {name}			Token claim: changing value/group filter can leak data into tokens or break downstream authorization decisions.
okta_auth_server_claim_default	Authorization servers	Claims	Default claim	none	medium	{@auth_server_id} / {name} || {name}	auth_server_id,name		Default (system) claim: delete is a no-op; update changes sub/address/etc claims.
okta_auth_server_default	Authorization servers	Authorization servers	Default authorization server	none	high	{name}			Default authorization server: delete is a no-op; updates (audiences, issuer_mode, key rotation) affect all apps using it.
okta_auth_server_policy	Authorization servers	Access policies & rules	Access policy	high	high	{@auth_server_id} / {name} || {name}			Access policy on an auth server (incl. the default server): deleting the only matching policy denies token issuance; client_whitelist ALL_CLIENTS widens access.
okta_auth_server_policy_rule	Authorization servers	Access policies & rules	Access policy rule	high	high	{@policy_id} / {name} || {name}			Access policy rule: grant types, scopes (*), token lifetimes, group/user whitelists; delete denies tokens, loosening widens API access.
okta_auth_server_scope	Authorization servers	Scopes	Scope	medium	medium	{@auth_server_id} / {name} || {name} || {display_name}			OAuth scope: removing breaks clients requesting it; consent/default flags change what tokens contain.
okta_authenticator	Authenticators	Authenticators	Authenticator	high	high	{name} || {key}	key		Authenticator: delete = deactivate (soft delete); users relying on it lose a factor -> lockout; settings/status changes affect every sign-in/recovery flow.
okta_authenticator_method_webauthn	Authenticators	Authenticators	FIDO2 (WebAuthn) method settings	medium	high	WebAuthn settings of {@authenticator_id}	authenticator_id		WebAuthn/passkey method settings (user verification, attachment, AAGUID allow-list): tightening blocks existing passkeys.
okta_authenticator_webauthn_custom_aaguid	Authenticators	Authenticators	Custom AAGUID	medium	medium	{name} || {aaguid}	aaguid,authenticator_id		Custom FIDO2 AAGUID: removing it can block keys restricted to that AAGUID group.
okta_auto_login_app	Applications & assignments	Apps	SWA app (auto-login)	high	medium	{label} || {preconfigured_app}			Removed in provider v4.0.0 (old name of okta_app_auto_login); only old state holds it: App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_behavior	Behaviors & threat protection	Behaviors	Behavior detection	medium	medium	{name} || {type}	type		Behavior detection used in policy risk conditions; changes alter when MFA is triggered.
okta_bookmark_app	Applications & assignments	Apps	Bookmark app	high	medium	{label} || {url}			Removed in provider v4.0.0 (old name of okta_app_bookmark); only old state holds it: App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_brand	Brands, themes, domains & email	Brands & themes	Brand	medium	medium	{name}			Brand: ties custom domain, theme, email templates and default app; deleting/reassigning changes sign-in experience.
okta_campaign	Identity Governance (OIG)	Access certifications	Access certification campaign	low	medium	{name}	campaign_tier,campaign_type,description,name,notification_settings,principal_scope_settings,remediation_settings,reminders_reviewer_before_campaign_close_in_secs,resource_settings,reviewer_settings,schedule_settings,skip_remediation		Access certification campaign; remediation settings can auto-revoke access when it ends.
okta_captcha	Behaviors & threat protection	CAPTCHA / bot protection	CAPTCHA	medium	medium	{name} || {type}	type		CAPTCHA provider config; breaking keys blocks sign-in/registration pages that require CAPTCHA.
okta_captcha_org_wide_settings	Behaviors & threat protection	CAPTCHA / bot protection	Org-wide CAPTCHA settings	medium	high	Org-wide CAPTCHA: {@captcha_id} || Org-wide CAPTCHA settings			Org-wide CAPTCHA pages (sign-in, registration, password reset); misconfiguration blocks those pages; delete removes bot protection.
okta_customized_signin_page	Brands, themes, domains & email	Sign-in page	Customized sign-in page	medium	high	Sign-in page of brand {@brand_id}			Customized hosted sign-in widget page: bad HTML/widget_version breaks sign-in for every user on that brand.
okta_device	Devices	Devices	Device	medium	medium	{id}			Device lifecycle action (deactivate/suspend/delete) breaks device-bound authenticators for its user.
okta_domain	Brands, themes, domains & email	Custom domains	Custom domain	high	medium	{name}	name		Custom URL domain: delete breaks sign-in URLs, custom issuers and redirect URIs using the domain.
okta_domain_certificate	Brands, themes, domains & email	Custom domains	Custom domain certificate	medium	high	Certificate of {@domain_id} || {type} certificate	domain_id	private_key	TLS certificate of a custom domain: wrong/expired cert breaks HTTPS on the sign-in domain; delete is a no-op.
okta_domain_verification	Brands, themes, domains & email	Custom domains	Custom domain verification	none	low	Verification of {@domain_id}	domain_id		Verification action only; delete is a no-op.
okta_email_customization	Brands, themes, domains & email	Email templates	Email template customization	low	medium	{template_name} ({language}) || {template_name}			Email template content (password reset, activation, MFA emails); broken templates confuse users or break links.
okta_email_domain	Brands, themes, domains & email	Email domain / sender / SMTP	Email domain	medium	medium	{display_name} || {domain}			Custom email sender domain: removal/DNS mistakes stop delivery of OTP/reset emails.
okta_email_domain_verification	Brands, themes, domains & email	Email domain / sender / SMTP	Email domain verification	none	low	Verification of email domain {@email_domain_id}	email_domain_id		Verification action only; delete is a no-op.
okta_email_sender	Brands, themes, domains & email	Email domain / sender / SMTP	Custom email sender	medium	medium	{from_name} || {from_address}	subdomain		DEPRECATED custom email sender; affects email delivery.
okta_email_sender_verification	Brands, themes, domains & email	Email domain / sender / SMTP	Email sender verification	none	low	Verification of email sender {@sender_id}	sender_id		DEPRECATED verification action; delete is a no-op.
okta_email_smtp_server	Brands, themes, domains & email	Email domain / sender / SMTP	SMTP server	medium	high	{alias} || {host}		password	Custom SMTP server: wrong host/credentials stops all Okta emails (email OTP, resets, activations).
okta_email_template_settings	Brands, themes, domains & email	Email templates	Email template settings	low	medium	{template_name}			Recipients of email templates (ALL_USERS/ADMINS_ONLY/NO_USERS): NO_USERS stops reset/activation emails.
okta_end_user_my_requests	Identity Governance (OIG)	Access requests	Access request (end user)	none	low	Request for {@entry_id}			End-user access request; delete unsupported (cancel in dashboard).
okta_entitlement	Identity Governance (OIG)	Entitlements	Entitlement	medium	medium	{name}			Entitlement definition on an app (grants fine-grained access).
okta_entitlement_bundle	Identity Governance (OIG)	Entitlements	Entitlement bundle	medium	medium	{name}			Bundle of entitlements requested/granted together.
okta_entity_risk_policy_rule	Policies & rules	Identity threat protection policies	Entity risk policy rule	medium	high	{@policy_id} / {name} || {name}	policy_id		Identity Threat Protection rule: terminate_all_sessions / workflow actions on risk; update can mass-terminate sessions or disable protection.
okta_event_hook	Hooks	Event hooks	Event hook	medium	medium	{name} || {channel.uri}		auth.value,headers.*.value	Event hook: delete/URL change stops events to downstream automation (provisioning, SIEM, workflows).
okta_event_hook_verification	Hooks	Event hooks	Event hook verification	none	low	Verification of event hook {@event_hook_id}			Verification action only; delete is a no-op.
okta_factor	Authenticators	Factors (Classic)	Factor (Classic)	high	high	{provider_id}	provider_id		Classic org factor activation: deactivating a factor removes it for all enrolled users.
okta_factor_totp	Authenticators	Factors (Classic)	Custom TOTP factor	medium	medium	{name}	clock_drift_interval,hmac_algorithm,otp_length,shared_secret_encoding,time_step		Custom TOTP factor profile; most attributes are ForceNew (replace = new factor profile, users must re-enroll).
okta_feature	Org settings	Features	Feature	medium	high	{name} || {feature_id}	feature_id		Enables/disables Okta org features (EA/beta toggles) that change org-wide behaviour.
okta_group	Groups & group rules	Groups	Group	high	medium	{name}			Group: delete removes all memberships, app assignments and policy/rule references to it (SCIM deprovisioning, policy holes); rename can break group-name based claims/filters.
okta_group_membership	Groups & group rules	Group membership	Group member	medium	medium	Group {@group_id} ← user {@user_id}			Removed in provider v4.0.0 (use okta_group_memberships / okta_user_group_memberships); only old state holds it: one user in one group; delete removes the user from the group and revokes access granted via it.
okta_group_memberships	Groups & group rules	Group membership	Group members	medium	medium	Group {@group_id} ← {#users} users	group_id		Members of a group: removals revoke app access/roles granted via the group; track_all_users=true removes members not in config.
okta_group_owner	Groups & group rules	Group owners	Group owner	low	low	Group {@group_id} ← owner {display_name} || Group {@group_id} ← owner {@id_of_group_owner} || {display_name}	group_id,id_of_group_owner,type		Group owner (who can manage the group).
okta_group_owners	Groups & group rules	Group owners	Group owners	low	low	Group {@group_id} ← {#owner} owners	group_id		All owners of a group managed as one object.
okta_group_role	Admin roles & resource sets	Admin role assignments	Admin role assignment (group)	high	high	{role_type} → group {@group_id}	group_id,role_type		Admin role assigned to a group: every member (and future members) gains admin privileges; delete removes admin access for the group.
okta_group_roles	Admin roles & resource sets	Admin role assignments	Admin roles (group)	high	high	Admin roles → group {@group_id}			Removed in provider v4.0.0 (use okta_group_role); only old state holds it: admin roles of a group; adding gives every member admin privileges, removing revokes admin access for the group.
okta_group_rule	Groups & group rules	Group rules	Group rule	high	high	{name} || {expression_value}	group_assignments		Group rule: delete can remove users it assigned (remove_assigned_users); changing group_assignments forces replace (delete+create) -> users removed and re-added, SCIM deprovisioning (issue #2641); expression changes move users between groups.
okta_group_schema_property	Profiles, schemas & mappings	Group profile schema	Group profile attribute	high	medium	{title} || {index}	array_type,external_name,external_namespace,index,type,unique		Custom group profile attribute: delete drops values for all groups; index/type ForceNew.
okta_hook_key	Hooks	Hook keys	Hook key	medium	medium	{name}			Key used to sign/verify hook calls; rotating/removing breaks hook authentication.
okta_identity_source_group	Directory integrations	Custom identity sources	Identity source group	medium	medium	{profile.display_name} || {external_id}	external_id,identity_source_id		Group in a custom identity source (Anything-as-a-Source).
okta_identity_source_group_membership	Directory integrations	Custom identity sources	Identity source group member	medium	medium	Group {group_or_external_id} ← user {member_external_id}	group_or_external_id,identity_source_id,member_external_id		Membership in a custom identity source group.
okta_identity_source_import	Directory integrations	Custom identity sources	Identity source import	medium	medium	Import into {@identity_source_id} || Import session {session_id}	identity_source_id		Bulk import session into a custom identity source (creates/updates/deletes users).
okta_identity_source_user	Directory integrations	Custom identity sources	Identity source user	medium	medium	{profile.email} || {profile.user_name} || {id}	id,identity_source_id		User record in a custom identity source.
okta_idp	Identity providers	Identity providers	OpenID Connect identity provider	high	high	{name} || {issuer_url}			Removed in provider v4.0.0 (old name of okta_idp_oidc); only old state holds it: OIDC identity provider: delete stops federated sign-in for its users; account_link/provisioning/issuer changes can enable account takeover or break login.
okta_idp_oidc	Identity providers	Identity providers	OpenID Connect identity provider	high	high	{name} || {issuer_url}			OIDC identity provider: delete stops federated sign-in for its users; account_link/provisioning/issuer changes can enable account takeover or break login.
okta_idp_saml	Identity providers	Identity providers	SAML identity provider	high	high	{name} || {issuer}			SAML identity provider: delete stops federated sign-in; issuer/sso_url/kid changes break login; AUTO account linking widens access.
okta_idp_saml_key	Identity providers	Identity providers	IdP signing certificate	high	high	{kid}			IdP signing certificate: removing or replacing the key in use breaks SAML assertion validation.
okta_idp_social	Identity providers	Identity providers	Social identity provider	high	high	{name} || {type}			Social IdP: delete stops social login; provisioning/account linking changes widen who can sign in.
okta_inline_hook	Hooks	Inline hooks	Inline hook	high	high	{name} || {type}	type	auth.value,headers.*.value	Inline hook runs inside sign-in/registration/token/SAML/password-import flows; a broken URL/auth or delete can block logins, registrations or token issuance.
okta_label	Identity Governance (OIG)	Labels & resource owners	Governance label	low	low	{name}			Governance label (key and values) used to classify apps, groups and entitlements; changes affect label-based access request and certification scoping.
okta_link_definition	Profiles, schemas & mappings	Linked objects	Linked object definition	medium	medium	{primary_name} / {associated_name} || {primary_name}	associated_description,associated_name,associated_title,primary_description,primary_name,primary_title		Linked object definition: delete removes all link values; all fields ForceNew.
okta_link_value	Users	Users	Linked object value	low	low	{primary_name} {@primary_user_id} → {#associated_user_ids} users || {primary_name} {@primary_user_id}	primary_name,primary_user_id		Linked-object value (e.g. manager) for a user.
okta_log_stream	Org settings	Log streaming	Log stream	medium	medium	{name} || {type}	account_id,event_source_name,region,token,type		Log stream to AWS EventBridge/Splunk: delete or credential change stops SIEM/security visibility.
okta_mfa_policy	Policies & rules	Authenticator enrollment (MFA) policy	Authenticator enrollment policy	high	high	{name}			Removed in provider v4.0.0 (old name of okta_policy_mfa); only old state holds it: Authenticator enrollment policy: REQUIRED/NOT_ALLOWED changes can force re-enrollment or strand users without a usable authenticator; delete moves groups to another policy.
okta_mfa_policy_rule	Policies & rules	Authenticator enrollment (MFA) policy	Authenticator enrollment policy rule	high	high	{@policy_id} / {name} || {name}			Removed in provider v4.0.0 (old name of okta_policy_rule_mfa); only old state holds it: Enrollment rule: when/if users are prompted to enroll; rename forces replace.
okta_network_zone	Network zones	Network zones	Network zone	high	high	{name} || {usage} {type} zone			Network zone: referenced by sign-on/auth policy rules and BLOCKLIST usage; editing gateways/proxies/ASNs/locations can block whole offices or let untrusted networks satisfy "on network" rules; delete fails or changes rule semantics.
okta_oauth2_v1_clients_role_access_certifications_admin	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || ACCESS_CERTIFICATIONS_ADMIN → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth2_v1_clients_role_access_requests_admin	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || ACCESS_REQUESTS_ADMIN → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth2_v1_clients_role_api_access_management_admin	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || API_ACCESS_MANAGEMENT_ADMIN → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth2_v1_clients_role_app_admin	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || APP_ADMIN → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth2_v1_clients_role_custom	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || CUSTOM → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth2_v1_clients_role_group_membership_admin	Admin roles & resource sets	Admin role assignments	Admin role assignment (app)	high	high	{type} → app {@client_id} || GROUP_MEMBERSHIP_ADMIN → app {@client_id}			Admin role assigned to an OAuth client app (possibly the Terraform app itself): widens machine privileges; delete can revoke Terraform/integration access.
okta_oauth_app	Applications & assignments	Apps	OIDC app	high	high	{label} || {name}			Removed in provider v4.0.0 (old name of okta_app_oauth); only old state holds it: App: delete deactivates and deletes the app (SSO stops, SCIM deprovisioning, client_id/secret lost); redirect URIs, grant types, SAML ACS/audience/signing, authentication_policy changes widen access or break SSO.
okta_oauth_app_redirect_uri	Applications & assignments	App settings	Redirect URI	medium	high	{@app_id} / {uri} || {uri}			Removed in provider v4.0.0 (old name of okta_app_oauth_redirect_uri); only old state holds it: DEPRECATED single redirect URI: adding an attacker-controlled URI enables token theft; removing breaks login.
okta_org_captcha	Behaviors & threat protection	CAPTCHA / bot protection	Org-wide CAPTCHA settings	medium	high	Org-wide CAPTCHA: {@captcha_id} || Org-wide CAPTCHA settings			Org-wide CAPTCHA pages (sign-in, registration, password reset), successor of okta_captcha_org_wide_settings; misconfiguration blocks those pages; delete removes bot protection.
okta_org_configuration	Org settings	Org profile & support	Org settings	none	low	{company_name} || Org settings			Org profile (company name, contacts, support URL); delete is a no-op.
okta_org_support	Org settings	Org profile & support	Okta Support access	low	medium	Okta Support access	extend_by		Grants Okta Support access to the org (widens access while active); delete revokes it.
okta_password_policy	Policies & rules	Password policy	Password policy	high	high	{name}			Removed in provider v4.0.0 (old name of okta_policy_password); only old state holds it: Password policy: complexity/lockout/recovery factors; delete moves group to another policy; wrong recovery settings block password reset.
okta_password_policy_rule	Policies & rules	Password policy	Password policy rule	high	high	{@policy_id} / {name} || {name}			Removed in provider v4.0.0 (old name of okta_policy_rule_password); only old state holds it: Password rule: controls password change/reset/unlock; deleting can block self-service reset. Rename forces replace.
okta_policy_device_assurance_android	Policies & rules	Device assurance	Device assurance policy (Android)	medium	high	{name}			Device assurance policy: tightening OS version/disk encryption/screen lock blocks non-compliant devices in auth policy rules that reference it; delete fails or loosens rules using it.
okta_policy_device_assurance_chromeos	Policies & rules	Device assurance	Device assurance policy (ChromeOS)	medium	high	{name}			Device assurance policy: tightening OS version/disk encryption/screen lock blocks non-compliant devices in auth policy rules that reference it; delete fails or loosens rules using it.
okta_policy_device_assurance_ios	Policies & rules	Device assurance	Device assurance policy (iOS)	medium	high	{name}			Device assurance policy: tightening OS version/disk encryption/screen lock blocks non-compliant devices in auth policy rules that reference it; delete fails or loosens rules using it.
okta_policy_device_assurance_macos	Policies & rules	Device assurance	Device assurance policy (macOS)	medium	high	{name}			Device assurance policy: tightening OS version/disk encryption/screen lock blocks non-compliant devices in auth policy rules that reference it; delete fails or loosens rules using it.
okta_policy_device_assurance_windows	Policies & rules	Device assurance	Device assurance policy (Windows)	medium	high	{name}			Device assurance policy: tightening OS version/disk encryption/screen lock blocks non-compliant devices in auth policy rules that reference it; delete fails or loosens rules using it.
okta_policy_mfa	Policies & rules	Authenticator enrollment (MFA) policy	Authenticator enrollment policy	high	high	{name}			Authenticator enrollment policy: REQUIRED/NOT_ALLOWED changes can force re-enrollment or strand users without a usable authenticator; delete moves groups to another policy.
okta_policy_mfa_default	Policies & rules	Authenticator enrollment (MFA) policy	Default authenticator enrollment policy	none	high	{name} || Default authenticator enrollment policy			Default authenticator enrollment policy: delete is a no-op; updates apply to every user not covered by another enrollment policy.
okta_policy_password	Policies & rules	Password policy	Password policy	high	high	{name}			Password policy: complexity/lockout/recovery factors; delete moves group to another policy; wrong recovery settings block password reset.
okta_policy_password_default	Policies & rules	Password policy	Default password policy	none	high	{name} || Default password policy			Default password policy: delete is a no-op (state only); updates affect every user not covered by another password policy.
okta_policy_profile_enrollment	Policies & rules	User profile (enrollment) policy	User profile policy	medium	medium	{name}			Profile enrollment policy: self-service registration/progressive profiling; delete moves apps back to default policy.
okta_policy_profile_enrollment_apps	Policies & rules	User profile (enrollment) policy	User profile policy apps	medium	medium	{@policy_id} ← {#apps} apps || {@policy_id}	policy_id		Which apps use a profile enrollment policy: delete re-assigns apps to the default profile enrollment policy.
okta_policy_rule_idp_discovery	Identity providers	Routing rules (IdP discovery)	IdP routing rule	high	high	{name}	name,policy_id		IdP routing rule: deleting/editing re-routes users to another IdP or to Okta password sign-in; can lock out federated users or bypass the corporate IdP. Rename forces replace.
okta_policy_rule_mfa	Policies & rules	Authenticator enrollment (MFA) policy	Authenticator enrollment policy rule	high	high	{@policy_id} / {name} || {name}	name,policy_id		Enrollment rule: when/if users are prompted to enroll; rename forces replace.
okta_policy_rule_password	Policies & rules	Password policy	Password policy rule	high	high	{@policy_id} / {name} || {name}	name,policy_id		Password rule: controls password change/reset/unlock; deleting can block self-service reset. Rename forces replace.
okta_policy_rule_profile_enrollment	Policies & rules	User profile (enrollment) policy	User profile policy rule	medium	high	{@policy_id} / {name} || Rule of {@policy_id} || {name}	policy_id		Profile enrollment rule: access ALLOW enables self-registration (widens who can create accounts), target group assignment; delete is effectively a no-op (provider returns nil).
okta_policy_rule_signon	Policies & rules	Global session (sign-on) policy	Global session policy rule	high	high	{@policy_id} / {name} || {name}	name,policy_id		Global session rule: deleting a DENY rule or editing access/primary_factor/mfa/network conditions widens access or locks users out. Renaming forces replace (name is ForceNew) = brief gap in policy.
okta_policy_signon	Policies & rules	Global session (sign-on) policy	Global session policy	high	high	{name}			Global session policy: delete/priority/group change moves users to another (possibly weaker or blocking) policy; can lock out admins or relax MFA-at-session.
okta_post_auth_session_policy_rule	Policies & rules	Identity threat protection policies	Session protection policy rule	medium	high	{@policy_id} / {name} || {name}	policy_id		ITP post-auth session rule: terminate_session on policy failure; update can log users out or disable continuous evaluation.
okta_preview_signin_page	Brands, themes, domains & email	Sign-in page	Preview sign-in page	low	low	Preview sign-in page of brand {@brand_id}			Preview (not live) sign-in page.
okta_principal_rate_limits	Org settings	Rate limits	Rate limit (token or app)	medium	medium	Rate limit of {@principal_id} || Rate limit of {principal_type} {principal_id}			Rate-limit share of an API token/OAuth client (may be Terraform itself): too low throttles the principal.
okta_profile_mapping	Profiles, schemas & mappings	Profile mappings	Profile mapping	medium	high	{source_name} → {target_name} || {@source_id} → {@target_id}			Profile mapping (Okta<->app/IdP): expressions overwrite user/app attributes on every sync; delete_when_absent removes unmanaged mappings.
okta_push_group	Applications & assignments	Provisioning	Group push	high	medium	Group {@source_group_id} → app {@app_id} || Push to app {@app_id}	app_config,app_id,source_group_id,target_group_id,target_group_name		Group push to a downstream app: delete with delete_target_group_on_destroy deletes the group in the target app.
okta_push_provider	Authenticators	Authenticators	Push provider	medium	medium	{name}	provider_type		Push provider for custom authenticators (FCM/APNs): breaking credentials stops push MFA for custom apps.
okta_rate_limit_admin_notification_settings	Org settings	Rate limits	Rate limit notification settings	none	low	Rate limit notifications			Rate-limit notification toggle; delete unsupported.
okta_rate_limit_warning_threshold_percentage	Org settings	Rate limits	Rate limit warning threshold	none	low	Rate limit warning threshold			Rate-limit warning threshold; delete unsupported.
okta_rate_limiting	Org settings	Rate limits	Client-based rate limiting	none	medium	Client-based rate limiting			Per-client rate-limit mode (ENFORCE/PREVIEW/DISABLE); delete unsupported (warning only).
okta_realm	Users	Realms	Realm	medium	medium	{name}			Realm (user partition for delegated admin); delete/moves change who administers which users.
okta_realm_assignment	Users	Realms	Realm assignment	medium	medium	{name}			Realm assignment rule: moves users between realms (changes delegated admin scope).
okta_request_condition	Identity Governance (OIG)	Access requests	Access request condition	medium	medium	{@resource_id} / {name} || {name}	resource_id		Access request condition (who may request what, approval sequence).
okta_request_sequence	Identity Governance (OIG)	Access requests	Approval sequence	low	low	{@resource_id} / {name} || {name}			Approval sequence (read/managed).
okta_request_setting_organization	Identity Governance (OIG)	Access requests	Access request settings (org)	none	low	Org access request settings			Org-level access request settings; delete unsupported.
okta_request_setting_resource	Identity Governance (OIG)	Access requests	Access request settings (resource)	none	medium	Request settings of {@id}			Resource-level access request settings; delete unsupported.
okta_request_v2	Identity Governance (OIG)	Access requests	Access request	none	medium	Request for user {@requested_for.external_id}			Access request on behalf of a user (may grant access); delete unsupported.
okta_resource_owner	Identity Governance (OIG)	Labels & resource owners	Resource owners	low	low	{#principal_orns} owners → {#resource_orns} resources			Owners of governed resources (apps, entitlement bundles, collections): who approves or reviews access to them.
okta_resource_owners_catalog_resource	Identity Governance (OIG)	Labels & resource owners	Resources without owners	low	low	Resources of {parent_resource_orn}			Resources of an app without assigned owners (governance catalog); only changes ownership bookkeeping.
okta_resource_set	Admin roles & resource sets	Resource sets	Resource set	high	high	{label} || {description}			Resource set (scope of custom roles): adding resources widens every binding that uses it.
okta_review	Identity Governance (OIG)	Access certifications	Access certification review	none	medium	{@campaign_id}: {#review_ids} reviews → {@reviewer_id} || Reviews of campaign {@campaign_id}			Certification review decision (may revoke access); delete does nothing.
okta_role_subscription	Admin roles & resource sets	Role notifications	Admin notification subscription	none	low	{role_type}: {notification_type}	notification_type,role_type		Admin notification subscription; delete is a no-op.
okta_saml_app	Applications & assignments	Apps	SAML app	high	high	{label} || {preconfigured_app} || {name}			Removed in provider v4.0.0 (old name of okta_app_saml); only old state holds it: App: delete deactivates and deletes the app (SSO stops, SCIM deprovisioning, client_id/secret lost); redirect URIs, grant types, SAML ACS/audience/signing, authentication_policy changes widen access or break SSO.
okta_saml_idp	Identity providers	Identity providers	SAML identity provider	high	high	{name} || {issuer}			Removed in provider v4.0.0 (old name of okta_idp_saml); only old state holds it: SAML identity provider: delete stops federated sign-in; issuer/sso_url/kid changes break login; AUTO account linking widens access.
okta_saml_idp_signing_key	Identity providers	Identity providers	IdP signing certificate	high	high	{kid}			Removed in provider v4.0.0 (old name of okta_idp_saml_key); only old state holds it: IdP signing certificate: removing or replacing the key in use breaks SAML assertion validation.
okta_secure_password_store_app	Applications & assignments	Apps	Secure password store app	high	medium	{label} || {url}			Removed in provider v4.0.0 (old name of okta_app_secure_password_store); only old state holds it: App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_security_events_provider	Behaviors & threat protection	Identity threat protection	Security events provider	medium	medium	{name} || {type}			Shared Signals (SSF) receiver: removing cuts external risk signals used by ITP.
okta_security_notification_emails	Org settings	Org profile & support	Security notification emails	medium	medium	Security notification emails			End-user security notification emails; delete resets all to enabled, update can silence new-device/factor-reset alerts.
okta_session_violation_policy_rule	Policies & rules	Identity threat protection policies	Session violation detection rule	medium	high	{@policy_id} / {name} || {name}	policy_id		ITP session violation rule: re-evaluates sign-on policies on session hijack signals; loosening disables protection.
okta_signon_policy	Policies & rules	Global session (sign-on) policy	Global session policy	high	high	{name}			Removed in provider v4.0.0 (old name of okta_policy_signon); only old state holds it: Global session policy: delete/priority/group change moves users to another (possibly weaker or blocking) policy; can lock out admins or relax MFA-at-session.
okta_signon_policy_rule	Policies & rules	Global session (sign-on) policy	Global session policy rule	high	high	{@policy_id} / {name} || {name}			Removed in provider v4.0.0 (old name of okta_policy_rule_signon); only old state holds it: Global session rule: deleting a DENY rule or editing access/primary_factor/mfa/network conditions widens access or locks users out. Renaming forces replace (name is ForceNew) = brief gap in policy.
okta_social_idp	Identity providers	Identity providers	Social identity provider	high	high	{name} || {type}			Removed in provider v4.0.0 (old name of okta_idp_social); only old state holds it: Social IdP: delete stops social login; provisioning/account linking changes widen who can sign in.
okta_swa_app	Applications & assignments	Apps	SWA app	high	medium	{label} || {url} || {preconfigured_app}			Removed in provider v4.0.0 (old name of okta_app_swa); only old state holds it: App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_template_email	Brands, themes, domains & email	Email templates	Email template	low	medium	{type}			Removed in provider v4.0.0 (use okta_email_customization); only old state holds it: email template translations; broken templates confuse users or break links.
okta_template_sms	Brands, themes, domains & email	SMS templates	SMS template	low	medium	{type} || SMS template			SMS template text (SMS OTP); broken template breaks SMS factor messages.
okta_theme	Brands, themes, domains & email	Brands & themes	Theme	low	low	Theme of brand {@brand_id} || Theme			Theme colors/logos; delete only removes from state (SetId("")).
okta_threat_insight_settings	Behaviors & threat protection	ThreatInsight	ThreatInsight settings	medium	high	ThreatInsight settings			ThreatInsight: action block can block legitimate IPs; delete sets action to none (disables protection).
okta_three_field_app	Applications & assignments	Apps	SWA app (three-field)	high	medium	{label} || {url}			Removed in provider v4.0.0 (old name of okta_app_three_field); only old state holds it: App: delete removes the app and all its assignments; updates change URL/credentials/authentication policy.
okta_trusted_origin	API tokens & trusted origins	Trusted origins	Trusted origin	medium	high	{name} || {origin}			Trusted origin (CORS/redirect/iframe): adding an origin lets that site call Okta APIs with user sessions or receive redirects (widens attack surface); delete breaks embedded widgets/SPAs.
okta_trusted_server	Authorization servers	Authorization servers	Trusted authorization servers	medium	medium	{@auth_server_id} trusts {#trusted} servers			Trust between authorization servers (token exchange): adding widens, removing breaks chained token exchange.
okta_ui_schema	Policies & rules	User profile (enrollment) policy	Sign-up form (UI schema)	low	medium	{ui_schema.label}			Sign-up form UI schema used by profile enrollment: breaking it breaks registration forms.
okta_user	Users	Users	User	high	medium	{login} || {email}			User: delete deactivates then permanently deletes the account (irreversible, downstream deprovisioning); status/login/password changes can lock the user out.
okta_user_admin_roles	Admin roles & resource sets	Admin role assignments	Admin roles (user)	high	high	User {@user_id}	user_id		Standard admin roles of a user (SUPER_ADMIN etc.): adding widens privilege; removing can leave the org without a usable admin.
okta_user_base_schema	Profiles, schemas & mappings	User profile schema	User profile base attribute	none	medium	{title} || {index}			Removed in provider v4.0.0 (old name of okta_user_base_schema_property); only old state holds it: Base user profile attribute (login, email...): delete is a no-op; pattern/required/permission changes can block user creation or self-service edits.
okta_user_base_schema_property	Profiles, schemas & mappings	User profile schema	User profile base attribute	none	medium	{title} || {index}	index,type		Base user profile attribute (login, email...): delete is a no-op; pattern/required/permission changes can block user creation or self-service edits.
okta_user_factor_question	Users	Users	Security question (user)	low	low	Security question of user {@user_id} || {key}	user_id		Security-question factor of one user.
okta_user_group_memberships	Groups & group rules	Group membership	Group memberships (user)	medium	medium	User {@user_id} → {#groups} groups	user_id		Groups of a user: removals revoke access granted via those groups.
okta_user_risk	Behaviors & threat protection	Identity threat protection	User risk	medium	medium	User {@user_id}	user_id		Sets a user risk level (ITP): raising can trigger session termination; lowering bypasses risk-based policies.
okta_user_schema	Profiles, schemas & mappings	User profile schema	User profile attribute	high	high	{title} || {index}			Removed in provider v4.0.0 (old name of okta_user_schema_property); only old state holds it: Custom user profile attribute: delete drops the attribute and its values for all users; type/index are ForceNew (replace = data loss); permissions/master changes affect who can edit it.
okta_user_schema_property	Profiles, schemas & mappings	User profile schema	User profile attribute	high	high	{title} || {index}	array_type,external_name,external_namespace,index,type,unique		Custom user profile attribute: delete drops the attribute and its values for all users; type/index are ForceNew (replace = data loss); permissions/master changes affect who can edit it.
okta_user_type	Profiles, schemas & mappings	User types	User type	medium	medium	{display_name} || {name}			User type: delete fails/orphans users of that type; schema per type.
`;

;// CONCATENATED MODULE: ./src/okta/catalog.ts
// What each okta/okta resource type is to an Okta admin: its category, what one object is called, which attributes
// name it, how risky deleting or changing it is, which attributes force a new object and which hold secrets.

/** The order categories are shown in: how an Okta admin walks the Admin Console. */
const CATEGORY_ORDER = [
    'Users',
    'Groups & group rules',
    'Applications & assignments',
    'Policies & rules',
    'Authenticators',
    'Authorization servers',
    'Identity providers',
    'Network zones',
    'Admin roles & resource sets',
    'API tokens & trusted origins',
    'Hooks',
    'Behaviors & threat protection',
    'Profiles, schemas & mappings',
    'Brands, themes, domains & email',
    'Directory integrations',
    'Devices',
    'Org settings',
    'Identity Governance (OIG)',
    'Other Okta objects',
    'Other',
];
const OTHER_OKTA = 'Other Okta objects';
const OTHER = 'Other';
/** Attributes that commonly hold a human name, for types the catalog does not know. */
const GENERIC_NAMES = ['{label}', '{name}', '{display_name}', '{title}', '{login}', '{email}'];
const RISKS = new Set(['high', 'medium', 'low', 'none']);
function splitList(cell, separator) {
    return (cell ?? '')
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean);
}
function parseRisk(cell, type) {
    if (!cell || !RISKS.has(cell))
        throw new Error(`catalog: bad risk "${cell}" for ${type}`);
    return cell;
}
let catalog = null;
/** The catalog, parsed on first use. */
function oktaCatalog() {
    if (catalog)
        return catalog;
    const entries = new Map();
    for (const line of CATALOG_TSV.split('\n')) {
        if (!line.trim())
            continue;
        const cells = line.split('\t');
        const [type, category, subcategory, noun, deleteRisk, updateRisk, names, replaceAttrs, secretAttrs, reason,] = cells;
        if (cells.length !== 10 || !type || !category || !noun)
            throw new Error(`catalog: malformed line "${line}"`);
        entries.set(type, {
            type,
            category,
            subcategory: subcategory ?? '',
            noun,
            deleteRisk: parseRisk(deleteRisk, type),
            updateRisk: parseRisk(updateRisk, type),
            names: splitList(names, '||'),
            replaceAttrs: splitList(replaceAttrs, ','),
            secretAttrs: splitList(secretAttrs, ','),
            reason: reason ?? '',
            known: true,
        });
    }
    catalog = entries;
    return catalog;
}
function sharedSegments(a, b) {
    const x = a.split('_');
    const y = b.split('_');
    let n = 0;
    while (n < x.length && n < y.length && x[n] === y[n])
        n++;
    return n;
}
/**
 * The catalog type nearest to `type` by name: among the types sharing the most leading `_` segments (at least
 * "okta_x_"), one of the category most of them are in.
 */
function closestKnown(type) {
    let bestShared = 1;
    let tied = [];
    for (const entry of oktaCatalog().values()) {
        const shared = sharedSegments(type, entry.type);
        if (shared > bestShared) {
            bestShared = shared;
            tied = [entry];
        }
        else if (shared === bestShared && tied.length) {
            tied.push(entry);
        }
    }
    const byCategory = new Map();
    for (const entry of tied)
        byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
    let best = [];
    for (const group of byCategory.values())
        if (group.length > best.length)
            best = group;
    return best[0] ?? null;
}
function humanize(type) {
    const words = type.replace(/^okta_/, '').replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
}
/** What `type` is; unknown okta_* types are placed by their name, anything else is "Other". */
function lookupType(type) {
    const known = oktaCatalog().get(type);
    if (known)
        return known;
    const isOkta = type.startsWith('okta_');
    const near = isOkta ? closestKnown(type) : null;
    return {
        type,
        category: near?.category ?? (isOkta ? OTHER_OKTA : OTHER),
        subcategory: near?.subcategory ?? '',
        noun: isOkta ? humanize(type) : type,
        deleteRisk: near?.deleteRisk ?? (isOkta ? 'medium' : 'none'),
        updateRisk: near?.updateRisk ?? (isOkta ? 'medium' : 'none'),
        names: GENERIC_NAMES,
        replaceAttrs: [],
        secretAttrs: [],
        reason: near
            ? `${type} is newer than this action's catalog; placed with ${near.type}: ${near.reason}`
            : isOkta
                ? `${type} is newer than this action's catalog: review it by hand.`
                : '',
        known: false,
    };
}
/** Every attribute a name template reads directly (`{attr}`), across all types: what prior state must keep. */
function nameAttributes() {
    const attributes = new Set();
    const templates = [...GENERIC_NAMES, ...[...oktaCatalog().values()].flatMap((entry) => entry.names)];
    for (const template of templates) {
        for (const match of template.matchAll(/\{([A-Za-z0-9_]+)[.}]/g))
            attributes.add(match[1]);
    }
    return attributes;
}
function categoryRank(category) {
    const rank = CATEGORY_ORDER.indexOf(category);
    return rank < 0 ? CATEGORY_ORDER.length : rank;
}

;// CONCATENATED MODULE: ./src/okta/names.ts
// Human names for Okta objects: "Engineering" rather than okta_group.eng, and "App Slack ← group Engineering"
// rather than two Okta IDs. Name templates come from the catalog; IDs resolve through the objects of the plan and its
// prior state, or, for objects created by the same plan (IDs not known yet), through the configuration's references.
const PLACEHOLDER = /\{([@#]?)([A-Za-z0-9_.]+)\}/g;
const MAX_LISTED = 3;
function parseTemplate(template) {
    const parts = [];
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
        if (match.index > last)
            parts.push(template.slice(last, match.index));
        const kind = match[1] === '@' ? 'ref' : match[1] === '#' ? 'count' : 'value';
        parts.push({ kind, path: match[2] });
        last = match.index + match[0].length;
    }
    if (last < template.length)
        parts.push(template.slice(last));
    return parts;
}
function placeholdersOf(templates) {
    const seen = new Map();
    for (const template of templates) {
        for (const part of parseTemplate(template)) {
            if (typeof part !== 'string')
                seen.set(`${part.kind}:${part.path}`, part);
        }
    }
    return [...seen.values()];
}
/** The value at a dotted path (`a.b`, `a.0`), with the matching part of an unknown or sensitive mask. */
function at(value, path) {
    let current = value;
    for (const segment of path.split('.')) {
        if (Array.isArray(current))
            current = current[Number(segment)];
        else if (current && typeof current === 'object' && Object.hasOwn(current, segment)) {
            current = current[segment];
        }
        else
            return undefined;
    }
    return current;
}
/**
 * Placeholder path → value, in two short arrays: one is kept per changed object until names are resolved, and a
 * Map costs about 200 bytes (20 MB for an import of 100,000 objects); a type's names read at most a few paths.
 */
class NameValues {
    paths;
    found;
    /** Arrays of their exact length: an array grown by push keeps room for 17 elements. */
    constructor(paths, found) {
        this.paths = paths;
        this.found = found;
    }
    get(path) {
        const i = this.paths.indexOf(path);
        return i < 0 ? undefined : this.found[i];
    }
}
function isMasked(mask, path) {
    let current = mask;
    for (const segment of path.split('.')) {
        if (current === true)
            return true;
        if (!current || typeof current !== 'object')
            return false;
        current = current[segment];
    }
    return current === true;
}
const NONE = new Set();
const NO_VALUES = new NameValues([], []);
function captureNameInputs(placeholders, object, unknownMask, sensitiveMask) {
    const paths = [];
    const found = [];
    let sensitive = null;
    for (const { kind, path } of placeholders) {
        if (isMasked(sensitiveMask, path)) {
            (sensitive ??= new Set()).add(path);
            continue;
        }
        if (isMasked(unknownMask, path))
            continue;
        const value = at(object, path);
        if (value === null || value === undefined)
            continue;
        paths.push(kind === 'count' ? `#${path}` : path);
        found.push(kind === 'count' ? (Array.isArray(value) ? value.length : undefined) : value);
    }
    const values = paths.length ? new NameValues(paths.slice(), found.slice()) : NO_VALUES;
    return { values, sensitive: sensitive ?? NONE };
}
function scalarText(value) {
    if (typeof value === 'string')
        return value.trim() ? value : null;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return null;
}
function listText(names) {
    const shown = names.slice(0, MAX_LISTED).join(', ');
    return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}
function resolvePart(part, inputs, resolver, owner) {
    if (part.kind === 'count') {
        const count = inputs.values.get(`#${part.path}`);
        return typeof count === 'number' ? String(count) : null;
    }
    if (inputs.sensitive.has(part.path))
        return null;
    const value = inputs.values.get(part.path);
    if (part.kind === 'value')
        return scalarText(value) ?? scalarText(resolver.constant(owner, part.path));
    if (value === undefined)
        return resolver.byReference(owner, part.path);
    const ids = (Array.isArray(value) ? value : [value]).map(scalarText);
    const names = ids.map((id) => (id === null ? null : resolver.byId(id)));
    if (names.length > 0 && names.every((n) => n !== null))
        return listText(names);
    return resolver.byReference(owner, part.path);
}
/** The first template that fully resolves, or null. */
function renderName(templates, inputs, resolver, owner) {
    for (const template of templates) {
        let text = '';
        let complete = true;
        for (const part of parseTemplate(template)) {
            const piece = typeof part === 'string' ? part : resolvePart(part, inputs, resolver, owner);
            if (piece === null) {
                complete = false;
                break;
            }
            text += piece;
        }
        if (complete && text.trim())
            return text;
    }
    return null;
}
/** Splits a resource address into its parts, keeping instance keys (`["a.b"]`, `[0]`) whole. */
function addressParts(address) {
    const parts = [];
    let i = 0;
    while (i < address.length) {
        let name = '';
        while (i < address.length && address[i] !== '.' && address[i] !== '[')
            name += address[i++];
        let key = null;
        if (address[i] === '[') {
            const start = i;
            let inString = false;
            for (i++; i < address.length; i++) {
                const c = address[i];
                if (inString && c === '\\')
                    i++;
                else if (c === '"')
                    inString = !inString;
                else if (c === ']' && !inString)
                    break;
            }
            key = address.slice(start, ++i);
        }
        parts.push({ path: name, key });
        if (address[i] === '.')
            i++;
    }
    return parts;
}
/** `module.org["a"].okta_group.eng["x"]` → `module.org.okta_group.eng`: the address of the configuration block. */
function configAddressOf(address) {
    return addressParts(address)
        .map((p) => p.path)
        .join('.');
}
/** The instance key of an address (`["Engineering"]` → "Engineering", `[0]` → 0), or null. */
function instanceKeyOf(address) {
    const key = addressParts(address).at(-1)?.key;
    if (!key)
        return null;
    try {
        const parsed = JSON.parse(key.slice(1, -1));
        return typeof parsed === 'string' || typeof parsed === 'number' ? parsed : null;
    }
    catch {
        return null;
    }
}
/** The resource address a configuration reference points at: `okta_group.eng["x"].id` → `okta_group.eng["x"]`. */
function referencedAddress(reference) {
    const parts = addressParts(reference);
    const first = parts[0]?.path;
    // var.x, local.x, each.key, module.x.output... name no resource of this module.
    if (!first || ['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module'].includes(first))
        return null;
    const count = first === 'data' ? 3 : 2;
    if (parts.length < count)
        return null;
    return parts
        .slice(0, count)
        .map((p) => p.path + (p.key ?? ''))
        .join('.');
}

;// CONCATENATED MODULE: ./src/okta/risk.ts
// Which changes can lock people out or widen access, and what a replace means in Okta (a new object with a new ID).
const NEW_ID = 'Okta deletes the object and creates a new one with a new ID: rules, assignments and policies that point at the old ID break';
/** What else a new ID means, for the types where it matters most. */
const REPLACE_MEANING = {
    okta_app_oauth: 'the app gets a new client_id and client_secret: every client using the old ones stops signing in',
    okta_app_saml: 'the app gets new SAML metadata and a new signing certificate: the service provider must be set up again',
    okta_group: 'memberships, group rules and app assignments that point at the old group are lost',
    okta_user: 'the person becomes a new user: enrolled factors, sessions and app accounts are lost',
    okta_auth_server: 'the issuer URI changes: tokens it issued stop validating and clients must be reconfigured',
    okta_idp_oidc: 'users linked through the old identity provider must link again; routing rules break',
    okta_idp_saml: 'users linked through the old identity provider must link again; routing rules break',
    okta_idp_social: 'users linked through the old identity provider must link again; routing rules break',
    okta_network_zone: 'policies and rules that use the old zone no longer see it',
    okta_policy_signon: 'its rules are recreated and users sign in under the default policy until then',
    okta_app_signon_policy: 'apps using it fall back to the default authentication policy until reassigned',
    okta_authenticator: 'users enrolled in the old authenticator must enroll again',
};
const REASON_TEXT = {
    replace_because_tainted: 'it is tainted (an earlier apply failed part-way)',
    replace_by_request: 'the run asked for it (-replace)',
    replace_by_triggers: 'replace_triggered_by fired',
};
/** Why Terraform replaces the object, in words. */
function replaceCause(actionReason, forcingAttributes) {
    if (actionReason && REASON_TEXT[actionReason])
        return `because ${REASON_TEXT[actionReason]}`;
    if (forcingAttributes.length) {
        return `because ${forcingAttributes.join(', ')} can't change in place`;
    }
    return null;
}
function grantsAccess(info) {
    return ((info.category === 'Admin roles & resource sets' && info.updateRisk === 'high') ||
        info.type === 'okta_app_oauth_api_scope');
}
function isHighRisk(info, action) {
    switch (action) {
        case 'delete':
            return info.deleteRisk === 'high';
        case 'update':
            return info.updateRisk === 'high';
        case 'replace':
            return info.deleteRisk === 'high' || info.updateRisk === 'high';
        case 'create':
            return grantsAccess(info);
        default:
            // A forget leaves the object in Okta; an import or a move alone changes nothing there.
            return false;
    }
}
function assessRisk(info, action, cause) {
    const reasons = [];
    if (action === 'replace' && info.type.startsWith('okta_')) {
        const meaning = REPLACE_MEANING[info.type];
        reasons.push(`Replaced${cause ? ` ${cause}` : ''}: ${NEW_ID}${meaning ? `; ${meaning}` : ''}.`);
    }
    const highRisk = isHighRisk(info, action);
    if (highRisk)
        reasons.push(info.reason);
    return { highRisk, reasons };
}

;// CONCATENATED MODULE: ./src/plan/redact.ts
// Secrets never reach a comment, a log or an output. The run has one SecretScrubber (main.ts): every value the
// action knows as secret goes in (the inputs' secrets through Runtime.setSecret, settings.ts; and from the plan:
// values Terraform marks sensitive, secrets the okta/okta provider does not mark (catalog secretAttrs, plus
// attribute names that say "secret"), and literals written in provider blocks, which `show -json` prints as
// configuration.provider_config.*.expressions.*.constant_value). Each is masked in the log as it is learnt, and
// removed from everything the action posts or writes.
const REDACTED = '(sensitive)';
const SCRUBBED = '(redacted)';
/** Shorter values are masked where they appear but not scrubbed from all text: they would mangle ordinary words. */
const MIN_SCRUB_LENGTH = 4;
const SECRET_NAME = /(^|_)(password|secret|private_key|token|api_key|passphrase|shared_secret)$/i;
/** The same in camelCase, as keys inside JSON attributes are (app_settings_json's clientSecret). */
const CAMEL_SECRET_NAME = /[a-z0-9](Password|Secret|PrivateKey|Token|ApiKey|Passphrase)$/;
const PROVIDER_SECRET_KEY = /(token|secret|password|private_key|credential|passphrase)|(^|_)key$/i;
/** The part of a mask (after_unknown, *_sensitive: true, false, or a structure of them) that covers `segment`. */
function maskChild(mask, segment) {
    if (mask === true)
        return true;
    if (mask && typeof mask === 'object')
        return mask[segment];
    return undefined;
}
/** True when the catalog's secret paths (`auth.value`, `headers.*.value`) or the attribute's name say it is secret. */
function isSecretPath(path, secretPaths) {
    const last = path[path.length - 1];
    if (typeof last === 'string' && (SECRET_NAME.test(last) || CAMEL_SECRET_NAME.test(last)))
        return true;
    return secretPaths.some((pattern) => {
        const parts = pattern.split('.');
        return parts.length === path.length && parts.every((part, i) => part === '*' || part === String(path[i]));
    });
}
/** Numbers this long can be secrets (a numeric password, a PIN-like key); shorter ones are counts and ports. */
const MIN_SECRET_DIGITS = 6;
/** Query parameters of a URL that carry credentials (?access_token=, ?sig=, ?X-Amz-Signature=...). */
const SECRET_QUERY = /token|secret|sig|key|pass|auth|credential|code/i;
/** The credentials a URL carries: its password (and user:password), and its secret-looking query values. */
function urlCredentials(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return [];
    }
    const found = [];
    if (url.password) {
        found.push(url.password, decodeURIComponent(url.password), `${url.username}:${url.password}`);
    }
    for (const [name, value] of url.searchParams) {
        if (SECRET_QUERY.test(name))
            found.push(value, encodeURIComponent(value));
    }
    return found.filter((v) => v.length > 0);
}
/** Collects secret values and removes them from text; `onLearn` hears each new one (to mask it in the log). */
class SecretScrubber {
    onLearn;
    secrets = new Set();
    pattern = null;
    /** Every secret heard of, short ones too: each is told to onLearn once. */
    told = new Set();
    constructor(onLearn = () => undefined) {
        this.onLearn = onLearn;
    }
    /** Every secret is masked in the log (as core.setSecret would); only those long enough are scrubbed from text. */
    learn(text) {
        if (!text.trim() || this.told.has(text))
            return;
        this.told.add(text);
        this.onLearn(text);
        if (text.length < MIN_SCRUB_LENGTH)
            return;
        this.secrets.add(text);
        this.pattern = null;
    }
    /** Remembers every string inside `value` (a secret, or a structure holding only secrets). */
    add(value) {
        if (typeof value === 'string') {
            this.learn(value);
            // How the value looks inside JSON text, and each line of a multi-line secret (a PEM key) on its own.
            this.learn(JSON.stringify(value).slice(1, -1));
            if (value.includes('\n'))
                for (const line of value.split(/\r?\n/))
                    this.learn(line.trim());
        }
        else if (typeof value === 'number' || typeof value === 'bigint') {
            const digits = String(value);
            if (digits.replace(/\D/g, '').length >= MIN_SECRET_DIGITS)
                this.learn(digits);
        }
        else if (Array.isArray(value)) {
            for (const item of value)
                this.add(item);
        }
        else if (value && typeof value === 'object') {
            for (const item of Object.values(value))
                this.add(item);
        }
    }
    /** Remembers the parts of `value` that `mask` (a *_sensitive structure) marks sensitive. */
    addSensitive(value, mask) {
        if (mask === true)
            this.add(value);
        else if (mask && typeof mask === 'object' && value && typeof value === 'object') {
            for (const [key, child] of Object.entries(value))
                this.addSensitive(child, maskChild(mask, key));
        }
    }
    /** Adds the secret-looking literals of provider blocks (configuration.provider_config). */
    addProviderLiterals(providerConfig) {
        const visit = (expressions) => {
            if (!expressions || typeof expressions !== 'object')
                return;
            for (const [key, expression] of Object.entries(expressions)) {
                if (Array.isArray(expression))
                    expression.forEach(visit);
                else if (expression && typeof expression === 'object') {
                    const constant = expression.constant_value;
                    if (constant !== undefined && PROVIDER_SECRET_KEY.test(key))
                        this.add(constant);
                    else
                        visit(expression);
                }
            }
        };
        for (const provider of Object.values(providerConfig)) {
            if (provider && typeof provider === 'object')
                visit(provider.expressions);
        }
    }
    get size() {
        return this.secrets.size;
    }
    scrub(text) {
        if (this.secrets.size === 0)
            return text;
        if (!this.pattern) {
            const alternatives = [...this.secrets]
                .sort((a, b) => b.length - a.length)
                .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
            this.pattern = new RegExp(alternatives.join('|'), 'g');
        }
        return text.replace(this.pattern, SCRUBBED);
    }
    /** Scrubs every string inside `value`, in place (the summary is large and freshly built: no copy). */
    scrubInPlace(value) {
        if (this.secrets.size === 0)
            return;
        const walk = (container) => {
            for (const key of Object.keys(container)) {
                const item = container[key];
                if (typeof item === 'string') {
                    const clean = this.scrub(item);
                    if (clean !== item)
                        container[key] = clean;
                }
                else if (item && typeof item === 'object')
                    walk(item);
            }
        };
        walk(value);
    }
}

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./src/plan/value-limits.ts
// What the summary can read of one object's values. Terraform plans values nested thousands deep and strings of
// hundreds of megabytes; the summary walks values recursively (the diff, the fingerprint's canonical JSON) and
// Node.js holds a string of at most buffer.constants.MAX_STRING_LENGTH characters. Beyond either limit the plan is
// refused with a message that names the object, instead of a stack overflow or "not valid JSON".


/** Levels of nesting the summary reads: Okta's deepest schemas (policy rule conditions) nest under 20. */
const MAX_VALUE_DEPTH = 256;
/** A JSON value in the plan longer than Node.js can make one string of. */
class ValueTooLarge extends Error {
    bytes;
    name = 'ValueTooLarge';
    constructor(bytes) {
        super(`a value of ${bytes} bytes`);
        this.bytes = bytes;
    }
}
/** The deepest nesting in `value`, without recursion (so a hostile depth can't overflow the stack). */
function nestingDepth(value, stopAt = Infinity) {
    let deepest = 0;
    const stack = [[value, 0]];
    while (stack.length > 0) {
        const [item, depth] = stack.pop();
        if (item === null || typeof item !== 'object')
            continue;
        if (depth + 1 > deepest)
            deepest = depth + 1;
        if (deepest > stopAt)
            return deepest;
        for (const child of Array.isArray(item) ? item : Object.values(item))
            stack.push([child, depth + 1]);
    }
    return deepest;
}
/**
 * Reads one object's values, refused (naming `address`) when too large or, unless `checkDepth` is false, too deep for
 * the summary to walk.
 */
function readValues(address, read, checkDepth = true) {
    const named = () => (typeof address === 'string' ? address : address());
    let values;
    try {
        values = read();
    }
    catch (e) {
        if (!(e instanceof ValueTooLarge))
            throw e;
        throw new ActionError('plan-failed', `${named()}: ${e.message} is longer than Node.js can read as one string (${external_node_buffer_namespaceObject.constants.MAX_STRING_LENGTH} characters), so this plan can't be reviewed: keep such data out of Terraform values (a file the resource reads, a data source)`);
    }
    if (!checkDepth)
        return values;
    // A no-op's before and after are one object (unchangedValues): walked once.
    for (const part of new Set(Object.values(values))) {
        const depth = nestingDepth(part, MAX_VALUE_DEPTH);
        if (depth > MAX_VALUE_DEPTH) {
            throw new ActionError('plan-failed', `${named()}: a value nests more than ${MAX_VALUE_DEPTH} levels deep, deeper than the review reads, so this plan can't be reviewed: flatten it (Okta's own schemas nest under 20)`);
        }
    }
    return values;
}

;// CONCATENATED MODULE: ./src/plan/json-scan.ts
// Byte-level JSON scanning. Plans can be larger than Node's string limit (512 MB), so the reader never decodes the
// document: it walks bytes, skips what it does not need without parsing, and decodes only the small values it keeps.



const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const Byte = {
    QUOTE,
    OPEN_BRACE,
    CLOSE_BRACE,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    COMMA,
    COLON,
};
/** A JSON document that is not well formed. The message says where. */
class JsonSyntaxError extends Error {
    name = 'JsonSyntaxError';
}
function isWhitespace(c) {
    return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
function skipWhitespace(buf, pos, end) {
    while (pos < end && isWhitespace(buf[pos]))
        pos++;
    return pos;
}
/**
 * Skips one JSON value, resumably: `scan` may stop at the end of a chunk and continue with the next one.
 * Containers and strings are tracked by depth and escape state only (the values inside are never decoded).
 */
class ValueSkipper {
    depth = 0;
    inString = false;
    escaped = false;
    inScalar = false;
    started = false;
    /** Returns the offset just past the value, or -1 when `buf` ended first (call again with the next chunk). */
    scan(buf, pos, end) {
        let i = pos;
        if (!this.started) {
            i = skipWhitespace(buf, i, end);
            if (i >= end)
                return -1;
            this.started = true;
            const c = buf[i];
            if (c === QUOTE) {
                this.inString = true;
                i++;
            }
            else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                this.depth = 1;
                i++;
            }
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON) {
                throw new JsonSyntaxError(`unexpected '${String.fromCharCode(c)}' where a value was expected`);
            }
            else {
                this.inScalar = true;
            }
        }
        if (this.inScalar) {
            const after = scalarEnd(buf, i, end);
            return after;
        }
        if (inSkipMemory(buf))
            return this.scanInMemory(buf, i, end);
        let depth = this.depth;
        if (this.escaped) {
            if (i >= end)
                return -1;
            this.escaped = false;
            i++;
        }
        if (this.inString) {
            for (; i < end; i++) {
                const c = buf[i];
                if (c === QUOTE)
                    break;
                if (c === BACKSLASH && ++i >= end)
                    this.escaped = true;
            }
            if (i >= end)
                return -1;
            this.inString = false;
            if (depth === 0)
                return i + 1;
            i++;
        }
        for (; i < end; i++) {
            const c = buf[i];
            if (c === QUOTE) {
                for (i++; i < end; i++) {
                    const s = buf[i];
                    if (s === QUOTE)
                        break;
                    if (s === BACKSLASH && ++i >= end)
                        this.escaped = true;
                }
                if (i >= end) {
                    this.inString = true;
                    break;
                }
            }
            else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
                depth++;
            }
            else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
                if (--depth === 0)
                    return i + 1;
            }
        }
        this.depth = depth;
        return -1;
    }
    /** The rest of the container or string, by the WebAssembly skipper (`buf` is in its memory). */
    scanInMemory(buf, pos, end) {
        const state = { depth: this.depth, inString: this.inString, escaped: this.escaped };
        const after = skipInMemory(buf, pos, end, state);
        this.depth = state.depth;
        this.inString = state.inString;
        this.escaped = state.escaped;
        return after;
    }
}
function scalarEnd(buf, pos, end) {
    for (let i = pos; i < end; i++) {
        const c = buf[i];
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c))
            return i;
    }
    return -1;
}
/** End (exclusive) of the value starting exactly at `pos`, or -1 when `buf` ends before it does. */
function valueEndOrNeedMore(buf, pos, end) {
    const first = buf[pos];
    if (first === QUOTE)
        return stringEnd(buf, pos, end);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
        if (first === CLOSE_BRACE || first === CLOSE_BRACKET || first === COMMA || first === COLON) {
            throw new JsonSyntaxError(`unexpected '${String.fromCharCode(first)}' where a value was expected`);
        }
        return scalarEnd(buf, pos, end);
    }
    return containerEnd(buf, pos, end, 0);
}
/** End (exclusive) of the object or array that `pos` is inside of, at its top level, or -1 when `buf` ends first. */
function containerRest(buf, pos, end) {
    return containerEnd(buf, pos, end, 1);
}
/**
 * Where the container ends that `pos` is `depth` levels inside of (0: `pos` is its opening bracket), or -1 when `buf`
 * ends first. Containers are most of a plan: the WebAssembly skipper takes them where it can.
 */
function containerEnd(buf, pos, end, depth) {
    if (inSkipMemory(buf))
        return containerEndInMemory(buf, pos, end, depth);
    for (let i = pos; i < end; i++) {
        const c = buf[i];
        if (c === QUOTE) {
            for (i++; i < end; i++) {
                const s = buf[i];
                if (s === QUOTE)
                    break;
                if (s === BACKSLASH)
                    i++;
            }
        }
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
            depth++;
        }
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (--depth === 0)
                return i + 1;
        }
    }
    return -1;
}
/** End (exclusive) of the string whose opening quote is at `pos`, or -1 when `buf` ends before it closes. */
function stringEnd(buf, pos, end) {
    for (let i = pos + 1; i < end; i++) {
        const c = buf[i];
        if (c === QUOTE)
            return i + 1;
        if (c === BACKSLASH)
            i++;
    }
    return -1;
}
/**
 * Buffer's own UTF-8 decoder, which buf.toString('utf8', ...) ends in after checking its arguments and looking up the
 * encoding: a third of the time of decoding the million short strings (addresses, types, IDs) of a large plan.
 * Every Node release has it on Buffer.prototype; where one does not, toString serves.
 */
const utf8Slice = Buffer.prototype
    .utf8Slice;
/** Decodes the JSON string token buf[start, end) (quotes included). */
function decodeString(buf, start, end) {
    for (let i = start + 1; i < end - 1; i++) {
        if (buf[i] === BACKSLASH)
            return JSON.parse(buf.toString('utf8', start, end));
    }
    return utf8Slice ? utf8Slice.call(buf, start + 1, end - 1) : buf.toString('utf8', start + 1, end - 1);
}
/** Parses the complete JSON value buf[start, end); ValueTooLarge beyond Node's string limit (`maxChars`). */
function parseRange(buf, start, end, maxChars = external_node_buffer_namespaceObject.constants.MAX_STRING_LENGTH) {
    let text;
    try {
        text = buf.toString('utf8', start, end);
    }
    catch {
        // ERR_STRING_TOO_LONG: more characters than a string can hold.
        throw new ValueTooLarge(end - start);
    }
    if (text.length > maxChars)
        throw new ValueTooLarge(end - start);
    return JSON.parse(text);
}

;// CONCATENATED MODULE: ./src/plan/object-index.ts
// Where the wanted members of a JSON object are, found in one pass over its bytes (json-scan.ts skips the rest):
// top-level keys, one level of nested ones, and, for nested objects, only as far as what they are wanted for. In the
// skipper's memory the WebAssembly walker finds them (wasm-skip.ts membersInMemory); elsewhere a JavaScript loop.


const { QUOTE: object_index_QUOTE, OPEN_BRACE: object_index_OPEN_BRACE, CLOSE_BRACE: object_index_CLOSE_BRACE, COMMA: object_index_COMMA, COLON: object_index_COLON } = Byte;
const object_index_BACKSLASH = 0x5c;
/** Keys matched against raw key bytes, so keys nobody asked for are never decoded. */
class KeySlots {
    /** By length in bytes: the keys of that length. */
    byLength = [];
    byKey = new Map();
    /** The WebAssembly member walker's filter for these keys (keyFilter). */
    filter;
    slots;
    constructor(keys) {
        const all = [];
        for (const [key, slot] of keys) {
            const bytes = Buffer.from(key);
            all.push(bytes);
            this.byKey.set(key, slot);
            (this.byLength[bytes.length] ??= []).push({ bytes, slot });
        }
        this.filter = keyFilter(all);
        this.slots = [...keys.values()];
    }
    /**
     * The slot of the string token buf[start, end) (quotes included), or -1 when nobody asked for that key.
     * `mayBeEscaped` false: the walker saw no backslash in it.
     */
    match(buf, start, end, mayBeEscaped = true) {
        const candidates = this.byLength[end - start - 2];
        if (candidates) {
            for (const { bytes, slot } of candidates) {
                let i = 0;
                while (i < bytes.length && bytes[i] === buf[start + 1 + i])
                    i++;
                if (i === bytes.length)
                    return slot;
            }
        }
        if (!mayBeEscaped)
            return -1;
        // An escaped key (\u0061ctions) has another length: decode it to be sure.
        for (let i = start + 1; i < end - 1; i++) {
            if (buf[i] === object_index_BACKSLASH)
                return this.byKey.get(decodeString(buf, start, end)) ?? -1;
        }
        return -1;
    }
}
class ObjectIndex {
    enough;
    slots = new Map();
    top;
    nested = new Map();
    /** Byte offsets: a Float64Array, exact past 2 GiB, where 32-bit offsets wrap. */
    ranges;
    constructor(keys, nested = {}, enough = null) {
        this.enough = enough;
        const add = (name) => {
            if (!this.slots.has(name))
                this.slots.set(name, this.slots.size);
            return this.slots.get(name);
        };
        const topSlots = new Map();
        for (const key of [...keys, ...Object.keys(nested)])
            topSlots.set(key, add(key));
        for (const [outer, inner] of Object.entries(nested)) {
            const innerSlots = new Map();
            for (const key of inner)
                innerSlots.set(key, add(`${outer}.${key}`));
            this.nested.set(topSlots.get(outer), new KeySlots(innerSlots));
        }
        this.top = new KeySlots(topSlots);
        this.ranges = new Float64Array(this.slots.size * 2);
    }
    /** The slot of "key" or "outer.key"; throws for a key the index was not built for (a programming error). */
    slot(name) {
        const slot = this.slots.get(name);
        if (slot === undefined)
            throw new Error(`ObjectIndex: no slot for ${name}`);
        return slot;
    }
    /** Where the member in `slot` is in the buffer, or null when the object has no such member. */
    range(slot) {
        const start = this.ranges[slot * 2];
        return start < 0 ? null : { start, end: this.ranges[slot * 2 + 1] };
    }
    has(slot) {
        return this.ranges[slot * 2] >= 0;
    }
    /** Parses the member in `slot`, or undefined when the object has no such member. */
    parse(buf, slot) {
        const start = this.ranges[slot * 2];
        return start < 0 ? undefined : parseRange(buf, start, this.ranges[slot * 2 + 1]);
    }
    /** The member in `slot` when it is a string (decoded without JSON.parse when it has no escapes), else null. */
    string(buf, slot) {
        const start = this.ranges[slot * 2];
        const end = this.ranges[slot * 2 + 1];
        return start >= 0 && buf[start] === object_index_QUOTE ? decodeString(buf, start, end) : null;
    }
    /** True when the member in `slot` is exactly `text` (a fast check before parsing compact JSON). */
    equals(buf, slot, text) {
        const start = this.ranges[slot * 2];
        const end = this.ranges[slot * 2 + 1];
        if (start < 0 || end - start !== text.length)
            return false;
        // Byte by byte: the texts are a few bytes long, shorter than a call to buf.compare takes.
        for (let i = 0; i < text.length; i++)
            if (buf[start + i] !== text[i])
                return false;
        return true;
    }
    /** Indexes the object at `pos`; returns its end, or -1 when `buf` ends before it. Not an object: nothing found. */
    index(buf, pos, end) {
        this.ranges.fill(-1);
        return this.indexLevel(buf, pos, end, this.top);
    }
    indexLevel(buf, pos, end, keys, reading = null) {
        return inSkipMemory(buf)
            ? this.walkInMemory(buf, pos, end, keys, reading)
            : this.walk(buf, pos, end, keys, reading);
    }
    /**
     * Records one member, found at buf[valueStart, after); true when the rest of the object is not needed: all of
     * `reading` is found, or its gate says no.
     */
    found(buf, slot, valueStart, after, reading) {
        const first = this.ranges[slot * 2] < 0;
        this.ranges[slot * 2] = valueStart;
        this.ranges[slot * 2 + 1] = after;
        if (!first || !reading.of)
            return false;
        // A repeated key after this point is not seen; Terraform writes none.
        if (reading.of.slots.includes(slot) && --reading.missing === 0)
            return true;
        return reading.of.gate?.slot === slot && !reading.of.gate.keep(buf, valueStart, after);
    }
    /** The value of a member in `slot` at `valueStart`: a nested object indexed, anything else skipped. */
    valueEnd(buf, slot, valueStart, end, keys) {
        const inner = slot >= 0 && keys === this.top ? this.nested.get(slot) : undefined;
        return inner
            ? this.indexLevel(buf, valueStart, end, inner, this.enough?.(this, buf, slot) ?? null)
            : valueEndOrNeedMore(buf, valueStart, end);
    }
    /**
     * indexLevel by the WebAssembly member walker: where each member is comes from its table, one call per object
     * (and per container member at the top level, which may be a nested object to index). Anything not well formed is
     * walked again by the JavaScript loop, which says where.
     */
    walkInMemory(buf, pos, end, keys, of) {
        const open = skipWhitespace(buf, pos, end);
        if (open >= end)
            return -1;
        if (buf[open] !== object_index_OPEN_BRACE || of?.slots.length === 0)
            return valueEndOrNeedMore(buf, open, end);
        const reading = { of, missing: of?.slots.length ?? -1 };
        const table = memberTable();
        const base = buf.byteOffset;
        const stop = keys === this.top && this.nested.size > 0;
        let at = open + 1;
        for (let first = true;; first = false) {
            const count = membersInMemory(buf, at, end, first, stop, keys.filter);
            if (count === -1)
                return -1;
            if (count === -2) {
                // Walked again by the JavaScript loop, which says where, as if this object had not been read.
                if (keys === this.top)
                    this.ranges.fill(-1);
                else
                    for (const slot of keys.slots)
                        this.ranges[slot * 2] = -1;
                return this.walk(buf, pos, end, keys, of);
            }
            // Read now: indexing a nested object (the last member when stopped at one) fills the table anew.
            const ended = table[0] === MEMBERS_ENDED;
            const objectEnd = table[1] - base;
            for (let r = RECORDS; r < RECORDS + count * 4; r += 4) {
                const keyEnd = table[r + 1];
                const slot = keys.match(buf, table[r] - base, (keyEnd & 0x7fffffff) - base, keyEnd < 0);
                const valueStart = table[r + 2] - base;
                const skipped = table[r + 3];
                const after = skipped >= 0 ? skipped - base : this.valueEnd(buf, slot, valueStart, end, keys);
                if (after < 0)
                    return -1;
                if (slot >= 0 && this.found(buf, slot, valueStart, after, reading))
                    return containerRest(buf, after, end);
                at = after;
            }
            if (ended)
                return objectEnd;
        }
    }
    walk(buf, pos, end, keys, of) {
        let i = skipWhitespace(buf, pos, end);
        if (i >= end)
            return -1;
        // Not an object, or nothing wanted of it: skipped whole.
        if (buf[i] !== object_index_OPEN_BRACE || of?.slots.length === 0)
            return valueEndOrNeedMore(buf, i, end);
        const reading = { of, missing: of?.slots.length ?? -1 };
        i = skipWhitespace(buf, i + 1, end);
        if (i >= end)
            return -1;
        if (buf[i] === object_index_CLOSE_BRACE)
            return i + 1;
        for (;;) {
            if (i >= end)
                return -1;
            if (buf[i] !== object_index_QUOTE)
                throw new JsonSyntaxError('expected a key in an object');
            const keyEnd = stringEnd(buf, i, end);
            if (keyEnd < 0)
                return -1;
            const slot = keys.match(buf, i, keyEnd);
            i = skipWhitespace(buf, keyEnd, end);
            if (i >= end)
                return -1;
            if (buf[i] !== object_index_COLON)
                throw new JsonSyntaxError("expected ':' after a key");
            const valueStart = skipWhitespace(buf, i + 1, end);
            if (valueStart >= end)
                return -1;
            const after = this.valueEnd(buf, slot, valueStart, end, keys);
            if (after < 0)
                return -1;
            if (slot >= 0 && this.found(buf, slot, valueStart, after, reading))
                return containerRest(buf, after, end);
            i = skipWhitespace(buf, after, end);
            if (i >= end)
                return -1;
            if (buf[i] === object_index_CLOSE_BRACE)
                return i + 1;
            if (buf[i] !== object_index_COMMA)
                throw new JsonSyntaxError("expected ',' or '}' after a value");
            i = skipWhitespace(buf, i + 1, end);
        }
    }
}

;// CONCATENATED MODULE: ./src/plan/indexed-resources.ts
// The parts of a plan a visitor is handed: resource changes and prior-state resources, read through a one-pass
// index of their bytes and parsed only when asked for, because most entries of a plan are no-ops, read for counts.


/** Resource types to tell an entry's type among, by the length of their JSON (Terraform's type names need no escapes). */
class TypeSet {
    byLength = new Map();
    constructor(types) {
        for (const type of types)
            this.add(type);
    }
    add(type) {
        const quoted = Buffer.from(JSON.stringify(type));
        const same = this.byLength.get(quoted.length);
        if (same)
            same.push({ type, quoted });
        else
            this.byLength.set(quoted.length, [{ type, quoted }]);
    }
}
function str(value) {
    return typeof value === 'string' ? value : null;
}
function stringList(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
const NO_OP = Buffer.from('["no-op"]');
const MANAGED = Buffer.from('"managed"');
const NO_OP_ACTIONS = Object.freeze(['no-op']);
/** One index per list of members asked for (unchangedValues): lists are constants, so their identity is the key. */
const MEMBER_INDEXES = new WeakMap();
/** Where the fields of resource_changes entries are: one index, reused for every entry, with its slots. */
class ChangeIndex {
    index = new ObjectIndex(['address', 'previous_address', 'mode', 'type', 'deposed', 'action_reason'], {
        change: [
            'actions',
            'importing',
            'before',
            'after',
            'after_unknown',
            'before_sensitive',
            'after_sensitive',
            'replace_paths',
        ],
    });
    slots = {
        address: this.index.slot('address'),
        previousAddress: this.index.slot('previous_address'),
        mode: this.index.slot('mode'),
        type: this.index.slot('type'),
        deposed: this.index.slot('deposed'),
        actionReason: this.index.slot('action_reason'),
        actions: this.index.slot('change.actions'),
        importing: this.index.slot('change.importing'),
        before: this.index.slot('change.before'),
        after: this.index.slot('change.after'),
        afterUnknown: this.index.slot('change.after_unknown'),
        beforeSensitive: this.index.slot('change.before_sensitive'),
        afterSensitive: this.index.slot('change.after_sensitive'),
        replacePaths: this.index.slot('change.replace_paths'),
    };
}
/**
 * A resource change read through its index: fields are parsed when first asked for, because most entries of a
 * plan are no-ops that only need counting.
 */
class IndexedChange {
    buf;
    fields;
    actions;
    mode;
    constructor(buf, fields) {
        this.buf = buf;
        this.fields = fields;
        const { index, slots } = fields;
        this.actions = index.equals(buf, slots.actions, NO_OP)
            ? NO_OP_ACTIONS
            : stringList(index.parse(buf, slots.actions));
        this.mode = index.equals(buf, slots.mode, MANAGED)
            ? 'managed'
            : (index.string(buf, slots.mode) ?? 'managed');
    }
    parse(slot) {
        return this.fields.index.parse(this.buf, slot);
    }
    /** A string field, decoded without JSON.parse (every change has an address and a type). */
    string(slot) {
        return this.fields.index.string(this.buf, slot);
    }
    get address() {
        return this.string(this.fields.slots.address) ?? '';
    }
    get previousAddress() {
        const slot = this.fields.slots.previousAddress;
        return this.fields.index.has(slot) ? this.string(slot) : null;
    }
    get type() {
        return this.string(this.fields.slots.type) ?? '';
    }
    typeIn(types) {
        const range = this.fields.index.range(this.fields.slots.type);
        const candidates = range && types.byLength.get(range.end - range.start);
        if (!candidates)
            return null;
        for (const { type, quoted } of candidates)
            if (this.fields.index.equals(this.buf, this.fields.slots.type, quoted))
                return type;
        return null;
    }
    get deposed() {
        return this.string(this.fields.slots.deposed);
    }
    get actionReason() {
        return this.string(this.fields.slots.actionReason);
    }
    get importing() {
        return this.importTarget !== null;
    }
    get importTarget() {
        const slot = this.fields.slots.importing;
        return this.fields.index.has(slot) ? this.parse(slot) : null;
    }
    unchangedValues(attributes) {
        const after = attributes ? this.members(attributes) : this.parse(this.fields.slots.after);
        return {
            before: after,
            after,
            afterUnknown: null,
            beforeSensitive: null,
            afterSensitive: null,
            replacePaths: null,
        };
    }
    /** Some members of `change.after`, found by an index of their own: the rest of the object is skipped, not parsed. */
    members(attributes) {
        const range = this.fields.index.range(this.fields.slots.after);
        if (!range || this.buf[range.start] !== Byte.OPEN_BRACE)
            return null;
        let index = MEMBER_INDEXES.get(attributes);
        if (!index)
            MEMBER_INDEXES.set(attributes, (index = new ObjectIndex(attributes, {})));
        if (index.index(this.buf, range.start, range.end) < 0)
            return null;
        const object = Object.create(null);
        for (const attribute of attributes) {
            const value = index.parse(this.buf, index.slot(attribute));
            if (value !== undefined)
                object[attribute] = value;
        }
        return object;
    }
    values() {
        const { before, after, afterUnknown, beforeSensitive, afterSensitive, replacePaths } = this.fields.slots;
        return {
            before: this.parse(before),
            after: this.parse(after),
            afterUnknown: this.parse(afterUnknown),
            beforeSensitive: this.parse(beforeSensitive),
            afterSensitive: this.parse(afterSensitive),
            replacePaths: this.parse(replacePaths),
        };
    }
}
/** Where the fields of prior_state resources are: address, type, and `id` plus the given attributes of `values`. */
class PriorIndex {
    index;
    address;
    type;
    values;
    id;
    /** The reading each answer of `attributesFor` stands for. */
    readingFor = new WeakMap();
    /**
     * `attributesFor(type)`: what an object of that type needs read of its values; `wantsId(id)`: whether it is needed
     * at all (see PlanVisitor). The rest of its values is skipped.
     */
    constructor(attributes, attributesFor, wantsId) {
        const wanted = new Set(['id', ...attributes]);
        // An object whose id nobody wants is read no further than its id.
        const keep = (buf, start, end) => !wantsId || (buf[start] === Byte.QUOTE && wantsId(decodeString(buf, start, end)));
        const enough = attributesFor
            ? (index, buf, outer) => {
                // Terraform writes `type` before `values`: without it, every value is read.
                if (outer !== this.values || !index.has(this.type))
                    return null;
                const type = index.string(buf, this.type);
                if (type === null)
                    return null;
                const needed = attributesFor(type);
                let reading = this.readingFor.get(needed);
                if (!reading) {
                    const slots = needed.filter((a) => wanted.has(a)).map((a) => index.slot(`values.${a}`));
                    reading = wantsId ? { slots, gate: { slot: this.id, keep } } : { slots };
                    this.readingFor.set(needed, reading);
                }
                return reading;
            }
            : null;
        this.index = new ObjectIndex(['address', 'type'], { values: [...wanted] }, enough);
        this.address = this.index.slot('address');
        this.type = this.index.slot('type');
        this.values = this.index.slot('values');
        this.id = this.index.slot('values.id');
    }
}
/** A prior-state resource read through its index. */
class IndexedPriorResource {
    buf;
    fields;
    constructor(buf, fields) {
        this.buf = buf;
        this.fields = fields;
    }
    get address() {
        return this.fields.index.string(this.buf, this.fields.address) ?? '';
    }
    get type() {
        return this.fields.index.string(this.buf, this.fields.type) ?? '';
    }
    value(attribute) {
        const { index, id } = this.fields;
        // Every prior object's id is asked for: a string is decoded without JSON.parse.
        if (attribute === 'id')
            return index.string(this.buf, id) ?? index.parse(this.buf, id);
        return index.parse(this.buf, index.slot(`values.${attribute}`));
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/plan/fingerprint.ts
// What a reviewer approved, as a hash (DESIGN.md, Fingerprint, v2): for every change, its address, actions, which
// object it is (the prior `id`, the import target, deposed key and previous address are in its identity or prior)
// and the planned value of every attribute that changes (unknown values as a fixed token, sensitive values
// hashed); every changed output's planned value; every action invocation; sorted; then the working directory,
// workspace, backend identity, -target addresses and the provider versions of the lock file. Other prior values and
// drift are not in it, so refresh noise that does not change the plan leaves it alone; anything that changes what
// apply would do, or to which object, changes it.


const UNKNOWN = { unknown: 'known after apply' };
function sha256(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(text).digest('hex');
}
/** JSON with object keys sorted, so equal values always hash the same. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
/** The value with unknown parts replaced by a token and sensitive parts by their hash. */
function planned(value, unknown, sensitive) {
    if (unknown === true)
        return UNKNOWN;
    if (sensitive === true)
        return { sensitive: sha256(canonicalJson(value)) };
    if (Array.isArray(value))
        return value.map((v, i) => planned(v, maskChild(unknown, i), maskChild(sensitive, i)));
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            out[k] = planned(v, maskChild(unknown, k), maskChild(sensitive, k));
        }
        return out;
    }
    return value;
}
function asObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? value
        : {};
}
/**
 * The digest of one change: what apply would do, and to which object. Deleting one Okta app or another at one
 * address must not look alike, so the prior `id` (the Okta ID updated, replaced or deleted) and the import target
 * (`change.importing`: its `id`, or its `identity` from Terraform 1.12) are in it.
 */
function changeDigest(identity, actions, values, importTarget = null) {
    const before = asObject(values.before);
    const after = asObject(values.after);
    const unknown = asObject(values.afterUnknown);
    const attributes = {};
    for (const key of new Set([...Object.keys(after), ...Object.keys(unknown)])) {
        const changes = unknown[key] !== undefined || canonicalJson(before[key]) !== canonicalJson(after[key]);
        if (changes)
            attributes[key] = planned(after[key], maskChild(values.afterUnknown, key), maskChild(values.afterSensitive, key));
    }
    const prior = { id: asObject(values.before).id ?? null, importTarget: importTarget ?? null };
    return sha256(canonicalJson({ identity, actions, attributes, prior }));
}
/** The short key of an object in the review's marker: a hash, so no address (a for_each key can be a secret) is posted. */
function objectKey(identity) {
    return sha256(identity).slice(0, OBJECT_KEY_CHARS);
}
const OBJECT_KEY_CHARS = 12;
/** Collects change digests while a plan streams by; order-independent. */
class FingerprintBuilder {
    digests = new Map();
    addChange(identity, actions, values, importTarget) {
        this.digests.set(identity, changeDigest(identity, actions, values, importTarget));
    }
    /** An output that changes: its actions and planned value (sensitive parts hashed). */
    addOutput(name, actions, values) {
        const value = planned(values.after, values.afterUnknown, values.afterSensitive);
        this.digests.set(`output.${name}`, sha256(canonicalJson({ actions, value })));
    }
    /** A Terraform 1.14 action invocation: which action, its trigger and its configuration (sensitive parts hashed). */
    addActionInvocation(index, invocation) {
        const { config_values: values, config_unknown: unknown, config_sensitive: sensitive, ...rest } = invocation;
        const address = typeof rest.address === 'string' ? rest.address : `action #${index}`;
        const config = planned(values, unknown, sensitive);
        this.digests.set(`${address} (invocation ${index})`, sha256(canonicalJson({ ...rest, config })));
    }
    /** Each changed object's (and output's) digest, by its identity. */
    objectDigests() {
        return this.digests;
    }
    /** The digest of every change in the plan (without the context that `fingerprint` adds). */
    planDigest() {
        const lines = [...this.digests].map(([identity, digest]) => `${identity}\t${digest}`);
        return sha256(lines.sort().join('\n'));
    }
}
/** Compares the marker's digests (hashed keys, shortened digests) with a fresh plan's. */
function comparePlans(reviewed, current) {
    const added = [];
    const changed = [];
    const seen = new Set();
    for (const [identity, digest] of current) {
        const key = objectKey(identity);
        const before = reviewed[key];
        seen.add(key);
        if (before === undefined)
            added.push(identity);
        else if (!digest.startsWith(before))
            changed.push(identity);
    }
    const dropped = Object.keys(reviewed).filter((key) => !seen.has(key)).length;
    return { added: added.sort(), dropped, changed: changed.sort() };
}
/** Fingerprint format: a v1 fingerprint never equals a v2 one, so an old review can't approve. */
const FINGERPRINT_VERSION = 2;
function fingerprint(planDigest, context) {
    return sha256(canonicalJson({ v: FINGERPRINT_VERSION, plan: planDigest, ...context }));
}
/**
 * The context alone, shortened, for the review's marker: a re-run after a part-way failure applies only reviewed
 * objects, and only in the reviewed directory, workspace and backend, with the reviewed -target and providers.
 */
function contextDigest(context) {
    return sha256(canonicalJson({ v: FINGERPRINT_VERSION, ...context })).slice(0, 16);
}

;// CONCATENATED MODULE: ./src/okta/noise.ts
// Known provider noise: updates okta/okta plans when nothing meaningful changes in Okta (perpetual diffs, values
// Okta normalises), from reference/okta/known-noise.tsv (provider issues and changelog entries; a test keeps the two
// in step). A change is noise only when every attribute that differs is one of its type's noisy attributes, and
// differs only the way the row says (as text but not as JSON, in order only, unknown until apply...).

const NOISE_RULES = [
    {
        types: ['okta_app_oauth'],
        attributes: ['consent_method'],
        // The API leaves it out where the org's feature flags hide it (the fix sets it "only if not empty"): a change
        // from one value to another (REQUIRED → TRUSTED) is real, and the OAuth rule judges it.
        kind: 'from-empty',
        reason: 'consent_method shows a change on every plan in orgs whose feature flags hide it',
        evidence: '#2591, PR #2634 (6.5.5)',
    },
    {
        types: ['okta_app_oauth'],
        attributes: ['consent_method', 'omit_secret', 'refresh_token_leeway', 'refresh_token_rotation'],
        kind: 'import',
        reason: 'these attributes show an update on the first plan after an import',
        evidence: '#2290',
    },
    {
        types: [
            'okta_app_saml',
            'okta_app_bookmark',
            'okta_app_basic_auth',
            'okta_app_swa',
            'okta_app_auto_login',
        ],
        attributes: ['app_settings_json', 'app_links_json'],
        kind: 'json',
        reason: 'the JSON is compared as text, and Okta returns it with other key order or spacing',
        evidence: '#1518 #1454',
    },
    {
        types: ['okta_app_saml'],
        attributes: ['features'],
        kind: 'any',
        reason: 'provisioning features cannot be set through the API: the provider suppresses them',
        evidence: 'CHANGELOG (PR #296)',
    },
    {
        types: ['okta_app_user'],
        attributes: ['profile'],
        kind: 'json-ignoring-nulls',
        reason: 'mapped profile attributes come back as nulls, a diff on every plan',
        evidence: '#1565',
    },
    {
        types: ['okta_app_signon_policy_rule'],
        attributes: ['constraints'],
        kind: 'json',
        reason: 'constraints are compared as text: an update on every plan',
        evidence: '#1631',
    },
    {
        types: ['okta_app_signon_policy_rules'],
        attributes: ['chains'],
        kind: 'json',
        reason: 'chains are compared as text: JSON key order differs',
        evidence: 'PR #2906; CHANGELOG 6.11.0 #2816',
    },
    {
        types: ['okta_app_signon_policy'],
        attributes: [],
        kind: 'import',
        reason: 'bogus changes on the first plan after an import',
        evidence: 'CHANGELOG 6.5.0 #2554',
    },
    {
        types: ['okta_auth_server_default'],
        attributes: ['credentials_rotation_mode'],
        kind: 'any',
        reason: 'the API ignores the value: a perpetual diff',
        evidence: 'docs auth_server_default.md',
    },
    {
        types: ['okta_authenticator'],
        attributes: ['settings'],
        kind: 'json',
        reason: 'settings JSON differs only in whitespace and key order',
        evidence: 'PR #936; CHANGELOG 6.3.0 #2477',
    },
    {
        types: ['okta_network_zone'],
        attributes: ['gateways', 'proxies'],
        kind: 'order',
        reason: 'Okta normalises the list of CIDRs',
        evidence: 'CHANGELOG 6.11.0 #2308',
    },
    {
        types: ['okta_threat_insight_settings'],
        attributes: ['network_excludes'],
        kind: 'order',
        reason: 'the API does not keep the order of the excluded zones',
        evidence: 'docs threat_insight_settings.md',
    },
    {
        types: ['okta_user_group_memberships'],
        attributes: ['groups', 'id', 'user_id'],
        kind: 'unknown',
        reason: 'shown as known after apply: a spurious change, the apply changes nothing',
        evidence: '#2254',
    },
];
/** A type named by a pattern of a noise table row (`*` as a wildcard: okta_app_*). */
const matchesType = (pattern, type) => pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
/** A JSON string's value (nulls dropped when asked), else the value itself. */
function asJson(value, dropNulls) {
    if (typeof value !== 'string')
        return value;
    try {
        const parsed = JSON.parse(value);
        return dropNulls
            ? JSON.parse(JSON.stringify(parsed, (_k, v) => (v === null ? undefined : v)))
            : parsed;
    }
    catch {
        return value;
    }
}
const sorted = (value) => (Array.isArray(value) ? value.map(canonicalJson).sort() : value);
/** The same values in another order (or the same order): lists compared as sets of their elements' JSON. */
const sameInAnyOrder = (before, after) => canonicalJson(sorted(before)) === canonicalJson(sorted(after));
/** Whether one attribute differs only the way `kind` says is noise. */
function onlyNoise(kind, before, after, unknown) {
    switch (kind) {
        case 'json':
            return canonicalJson(asJson(before, false)) === canonicalJson(asJson(after, false));
        case 'json-ignoring-nulls':
            return canonicalJson(asJson(before, true)) === canonicalJson(asJson(after, true));
        case 'order':
            return sameInAnyOrder(before, after);
        case 'unknown':
            return unknown;
        case 'from-empty':
            return before === null || before === undefined || before === '';
        default:
            return true;
    }
}
/**
 * The noise rule that explains a whole update, or null. `importing`: the change is part of an import. The
 * attributes compared are the top-level ones that differ (unknown values count as differing).
 */
function knownNoise(type, change) {
    const before = (change.before ?? {});
    const after = (change.after ?? {});
    const unknown = (change.afterUnknown ?? {});
    const differing = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((a) => unknown[a] === true || canonicalJson(before[a]) !== canonicalJson(after[a]));
    if (differing.length === 0)
        return null;
    for (const rule of NOISE_RULES) {
        if (!rule.types.some((p) => matchesType(p, type)))
            continue;
        if (rule.kind === 'import' && !change.importing)
            continue;
        const covered = rule.attributes.length === 0 || differing.every((a) => rule.attributes.includes(a));
        if (!covered)
            continue;
        if (differing.every((a) => onlyNoise(rule.kind, before[a], after[a], unknown[a] === true)))
            return rule;
    }
    return null;
}

;// CONCATENATED MODULE: ./src/plan/keyed-elements.ts
// Nested blocks paired by what they are, not where they are: a sign-on rule inserted at the top of a list of
// rules would otherwise show every rule below it as changed, each taking its neighbour's values.
/** The attributes that say which block an element is, tried in order (the first that holds for every element). */
const KEY_ATTRIBUTES = [
    'name',
    'key',
    'id',
    'label',
    'type',
    'value',
    'index',
    'app_id',
    'group_id',
    'user_id',
    'role',
    'scope',
];
const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The element's key under `by`, when it has a usable one. */
function keyOf(element, by) {
    if (!isPlain(element))
        return undefined;
    const value = element[by];
    return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}
/** Whether every element has a key under `by` and no two elements of one list share it. */
function keyedBy(lists, by) {
    return lists.every((list) => {
        const keys = list.map((element) => keyOf(element, by));
        return keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
    });
}
/**
 * The elements of two lists of blocks paired by a key attribute, in the after list's order with removed ones
 * last; null when the lists are not blocks with a common key, or when pairing by position gives the same pairs.
 */
function pairByKey(before, after) {
    if (before.length === 0 || after.length === 0)
        return null;
    const lists = [before, after];
    const by = KEY_ATTRIBUTES.find((attribute) => keyedBy(lists, attribute));
    if (!by)
        return null;
    const beforeAt = new Map(before.map((element, i) => [keyOf(element, by), i]));
    const samePlaces = before.length === after.length && after.every((element, i) => beforeAt.get(keyOf(element, by)) === i);
    if (samePlaces)
        return null;
    const afterKeys = new Set(after.map((element) => keyOf(element, by)));
    const pairs = after.map((element, i) => {
        const key = keyOf(element, by);
        return { by, key, before: beforeAt.get(key), after: i };
    });
    before.forEach((element, i) => {
        const key = keyOf(element, by);
        if (!afterKeys.has(key))
            pairs.push({ by, key, before: i, after: undefined });
    });
    return pairs;
}

;// CONCATENATED MODULE: ./src/plan/diff.ts
// The attribute-level diff of one object (before → after), as short display text with secrets already masked.


const MAX_ATTRIBUTES = 40;
const MAX_VALUE_CHARS = 160;
const MAX_LIST_ITEMS = 5;
const diff_UNKNOWN = '(known after apply)';
/** An Okta ID: a 3-character prefix per kind of object (00u users, 00g groups, 0oa apps...) and 17 more. */
const OKTA_ID = /^[0-9a-z]{3}[A-Za-z0-9]{17}$/;
function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function isScalar(v) {
    return v === null || (typeof v !== 'object' && v !== undefined);
}
function childOf(value, segment) {
    if (Array.isArray(value))
        return typeof segment === 'number' ? value[segment] : undefined;
    if (isPlainObject(value) && typeof segment === 'string' && Object.hasOwn(value, segment))
        return value[segment];
    return undefined;
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a)) {
        const other = b;
        return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (ka.length === kb.length &&
        ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k])));
}
/** The path a reviewer reads: `rule[0].access`, or `rule[name="Allow admins"].access` for a keyed block. */
function formatPath(path) {
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            text += `[${segment}]`;
        else if (typeof segment === 'object')
            text += `[${segment.by}=${JSON.stringify(segment.key)}]`;
        else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment))
            text += text ? `.${segment}` : segment;
        else
            text += `[${JSON.stringify(segment)}]`;
    }
    return text;
}
/** The path as Terraform counts it: a keyed block at its position in the list after (before, if removed). */
const positional = (path) => path.map((s) => (typeof s === 'object' ? (s.after ?? s.before) : s));
/** The element at `index` of a list value or mask; a whole-true mask covers every element. */
const elementAt = (value, index) => value === true ? true : index === undefined ? undefined : childOf(value, index);
/** Cuts display text to its limit, after the secrets are out: a cut secret would no longer be recognised. */
function shortener(scrubber) {
    return (raw) => {
        const text = scrubber.scrub(raw);
        return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
    };
}
/** Characters of unchanged text shown before and after what differs in a long value. */
const CONTEXT_CHARS = 40;
/**
 * Two long values as the window around what differs, "…" where text is left out: one group ID appended to a
 * 1,200-character group rule expression must show, not the expression's first 160 characters twice. Scrubbed before
 * it is cut, as everything shown.
 */
function changedWindows(before, after, scrub) {
    const a = scrub(JSON.stringify(before));
    const b = scrub(JSON.stringify(after));
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix])
        prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix &&
        suffix < b.length - prefix &&
        a[a.length - 1 - suffix] === b[b.length - 1 - suffix])
        suffix++;
    const start = Math.max(0, prefix - CONTEXT_CHARS);
    const window = (text) => {
        const end = Math.min(text.length, text.length - suffix + CONTEXT_CHARS, start + MAX_VALUE_CHARS);
        return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
    };
    return { before: window(a), after: window(b) };
}
/** A string attribute that holds JSON (profile, settings, app_settings_json...): its parsed value, else undefined. */
function jsonContainer(value) {
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value))
        return undefined;
    try {
        const parsed = JSON.parse(value);
        return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
function displayValue(value, shorten) {
    if (value === null || value === undefined)
        return null;
    return shorten(JSON.stringify(value));
}
/** A list of scalars with the elements Terraform doesn't know yet (an ID created in the same apply) said so. */
function listWithUnknowns(list, unknown, shorten) {
    if (!Array.isArray(unknown) || !unknown.some((u) => u === true))
        return displayValue(list, shorten) ?? '[]';
    return shorten(`[${list.map((v, i) => (unknown[i] === true ? diff_UNKNOWN : JSON.stringify(v))).join(',')}]`);
}
/** What a list of scalars gained and lost (sets of thousands of member IDs included: linear, not quadratic). */
function listDelta(before, after, shorten) {
    const beforeTexts = before.map((v) => JSON.stringify(v));
    const afterTexts = after.map((v) => JSON.stringify(v));
    const had = new Set(beforeTexts);
    const has = new Set(afterTexts);
    const shown = [
        ...afterTexts.filter((v) => !had.has(v)).map((v) => `+${v}`),
        ...beforeTexts.filter((v) => !has.has(v)).map((v) => `-${v}`),
    ];
    const more = shown.length > MAX_LIST_ITEMS ? ` and ${shown.length - MAX_LIST_ITEMS} more` : '';
    return {
        before: `${before.length} items`,
        after: shorten(`${after.length} items: ${shown.slice(0, MAX_LIST_ITEMS).join(', ')}${more}`),
    };
}
/** Lists what changes in one object. Secret values are masked here and handed to the scrubber. */
function diffAttributes(values, options) {
    const shorten = shortener(options.scrubber);
    const attributes = [];
    let omitted = 0;
    const emit = (path, before, after) => {
        if (attributes.length >= MAX_ATTRIBUTES) {
            omitted++;
            return;
        }
        // Terraform's replace paths count list positions.
        const counted = formatPath(positional(path));
        const forcesReplacement = options.replacePaths.some((p) => counted === p || counted.startsWith(`${p}.`) || counted.startsWith(`${p}[`));
        attributes.push({ path: formatPath(path), before, after, forcesReplacement });
    };
    const walk = (path, before, after, unknown, beforeSensitive, afterSensitive) => {
        // A flag named like a secret (omit_secret, client_secret_rotation_enabled) holds no secret: a boolean can't leak one.
        const flag = [before, after].every((v) => v === null || v === undefined || typeof v === 'boolean');
        const secret = beforeSensitive === true ||
            afterSensitive === true ||
            (path.length > 0 && !flag && isSecretPath(positional(path), options.secretPaths));
        if (secret) {
            options.scrubber.add(before);
            options.scrubber.add(after);
            if (unknown === true && options.creating)
                return;
            if (unknown === true)
                emit(path, before == null ? null : REDACTED, diff_UNKNOWN);
            else if (!deepEqual(before, after))
                emit(path, before == null ? null : REDACTED, after == null ? null : REDACTED);
            return;
        }
        if (unknown === true) {
            if (!options.creating)
                emit(path, displayValue(before, shorten), diff_UNKNOWN);
            return;
        }
        if (options.creating && (after === null || after === undefined))
            return;
        if (options.creating && Array.isArray(after) && after.every(isScalar)) {
            emit(path, null, listWithUnknowns(after, unknown, shorten));
            return;
        }
        const bothScalarLists = Array.isArray(before) && Array.isArray(after) && before.every(isScalar) && after.every(isScalar);
        if (bothScalarLists) {
            const pending = Array.isArray(unknown) && unknown.some((u) => u === true);
            if (deepEqual(before, after) && !pending)
                return;
            const full = {
                before: displayValue(before, shorten),
                after: listWithUnknowns(after, unknown, shorten),
            };
            // Sets of Okta IDs (group members, group assignments, app groups) are read element by element: a reviewer must
            // not compare five IDs by eye to find the one added.
            const elements = [...before, ...after];
            const ids = elements.length > 0 && elements.every((v) => typeof v === 'string' && OKTA_ID.test(v));
            const short = !ids &&
                before.length + after.length <= MAX_LIST_ITEMS * 2 &&
                (full.after?.length ?? 0) < MAX_VALUE_CHARS;
            const delta = short ? full : listDelta(before, after, shorten);
            emit(path, delta.before, delta.after);
            return;
        }
        // JSON in a string is compared as JSON, key by key: a reorder or whitespace change is no change.
        const [jsonBefore, jsonAfter] = [jsonContainer(before), jsonContainer(after)];
        if (!options.creating && jsonBefore && jsonAfter) {
            walk(path, jsonBefore, jsonAfter, undefined, undefined, undefined);
            return;
        }
        const containers = [before, after].filter((v) => v !== null && v !== undefined);
        const nested = containers.length > 0 && (containers.every(isPlainObject) || containers.every(Array.isArray));
        const pairs = nested && !options.creating && Array.isArray(before) && Array.isArray(after)
            ? pairByKey(before, after)
            : null;
        if (pairs) {
            for (const pair of pairs) {
                walk([...path, pair], elementAt(before, pair.before), elementAt(after, pair.after), elementAt(unknown, pair.after), elementAt(beforeSensitive, pair.before), elementAt(afterSensitive, pair.after));
            }
            return;
        }
        if (nested) {
            const keys = new Set();
            for (const v of containers) {
                if (Array.isArray(v))
                    v.forEach((_, i) => keys.add(i));
                else
                    Object.keys(v).forEach((k) => keys.add(k));
            }
            if (isPlainObject(unknown))
                Object.keys(unknown).forEach((k) => keys.add(k));
            for (const key of keys) {
                walk([...path, key], childOf(before, key), childOf(after, key), childOf(unknown, key), maskChild(beforeSensitive, key), maskChild(afterSensitive, key));
            }
            return;
        }
        if (deepEqual(before ?? null, after ?? null))
            return;
        const long = [before, after].some((v) => typeof v === 'string' && v.length > MAX_VALUE_CHARS - 2);
        if (long && typeof before === 'string' && typeof after === 'string') {
            const windows = changedWindows(before, after, (text) => options.scrubber.scrub(text));
            emit(path, windows.before, windows.after);
        }
        else
            emit(path, displayValue(before, shorten), displayValue(after, shorten));
    };
    walk([], values.before ?? null, values.after ?? null, values.afterUnknown, values.beforeSensitive, values.afterSensitive);
    // Exact size: an array grown by push keeps room for 17, and one is kept per changed object.
    return { attributes: attributes.slice(), omitted };
}

;// CONCATENATED MODULE: ./src/plan/change-facts.ts
// What one change says of itself, before it is named: its IDs, its actions as kept, the attributes forcing a replace,
// the fields changes and drift share, and its identity for the fingerprint. Pure functions of the change's event.


function stringsOf(value) {
    if (typeof value === 'string')
        return [value];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
function idOf(value) {
    if (!value || typeof value !== 'object')
        return null;
    const id = value.id;
    return typeof id === 'string' && id ? id : null;
}
/** The object's IDs before and after, in an array of its exact size (kept per change until names are resolved). */
function idsOf(values) {
    const before = idOf(values.before);
    const after = idOf(values.after);
    if (before === null)
        return after === null ? [] : [after];
    return after === null || after === before ? [before] : [before, after];
}
function replacePathTexts(replacePaths) {
    if (!Array.isArray(replacePaths))
        return [];
    return replacePaths.filter(Array.isArray).map((path) => formatPath(path));
}
/** The top-level attributes whose change forces the replace. */
function forcingAttributes(diff) {
    return [
        ...new Set(diff.attributes.filter((a) => a.forcesReplacement).map((a) => a.path.split(/[.[]/)[0])),
    ];
}
/** Terraform's action words, one string each: every change keeps its actions (100,000 in an import). */
const ACTION_WORDS = new Map(['create', 'read', 'update', 'delete', 'no-op', 'forget'].map((a) => [a, a]));
/** The actions as kept in the summary: the shared words, in an array of its own. */
function keptActions(actions) {
    return actions.map((action) => ACTION_WORDS.get(action) ?? action);
}
/** What changes and drift both say of an object. */
function described(event, info, diff) {
    return {
        address: event.address,
        type: info.type,
        category: info.category,
        actions: keptActions(event.actions),
        noun: info.noun,
        attributes: diff.attributes,
        attributesOmitted: diff.omitted,
    };
}
/** Which object a change is to, for the fingerprint: its address, and what makes two changes to it differ. */
function changeIdentity(event, moved) {
    const deposed = event.deposed ? ` (deposed ${event.deposed})` : '';
    const from = moved ? ` (from ${event.previousAddress})` : '';
    return `${event.address}${deposed}${from}${event.importing ? ' (import)' : ''}`;
}
/** Why an update is only provider noise (okta/noise.ts), or null: only updates can be. */
function noiseOf(type, action, values, importing) {
    if (action !== 'update')
        return null;
    const rule = knownNoise(type, { ...values, importing });
    return rule ? { reason: rule.reason, evidence: rule.evidence } : null;
}

;// CONCATENATED MODULE: ./src/plan/name-resolution.ts
// Gives every changed object its human name once the whole plan has been read: IDs resolve through the changed
// objects and the prior state, references through the configuration.


/** Okta IDs are 20 characters: a 3-character prefix per kind of object (00u users, 00g groups, 0oa apps...). */
const name_resolution_OKTA_ID = /"([0-9a-z]{3}[A-Za-z0-9]{17})"/g;
const MAX_ID_NAME = 60;
/** The Okta IDs in attribute values (not an object's own id), for prior state to keep their names. */
function oktaIdsIn(attributes) {
    const ids = [];
    for (const a of attributes) {
        if (a.path === 'id')
            continue;
        for (const text of [a.before, a.after])
            if (text)
                for (const m of text.matchAll(name_resolution_OKTA_ID))
                    ids.push(m[1]);
    }
    return ids;
}
/** `"00u1…"` → `"00u1…" (alice@acme.example)`, for the IDs the plan can name; an object's own id stays bare. */
function nameOktaIds(attributes, byId) {
    const annotate = (text) => text?.replace(name_resolution_OKTA_ID, (quoted, id) => {
        const name = byId(id);
        if (!name)
            return quoted;
        return `${quoted} (${name.length > MAX_ID_NAME ? `${name.slice(0, MAX_ID_NAME - 1)}…` : name})`;
    }) ?? null;
    for (const a of attributes) {
        if (a.path === 'id')
            continue;
        a.before = annotate(a.before);
        a.after = annotate(a.after);
    }
}
/**
 * What a configuration resource block says of the names of its object (its name placeholders): the resources its
 * expressions refer to, and its constants. Null when it says nothing.
 */
function configNameInputs(resource, placeholders) {
    const refs = new Map();
    const constants = new Map();
    for (const p of placeholders) {
        const expression = resource.expressions[p.path.split('.')[0]];
        if (!expression || typeof expression !== 'object' || Array.isArray(expression))
            continue;
        const { references, constant_value: constant } = expression;
        const prefix = resource.modulePath ? `${resource.modulePath}.` : '';
        // Resolved to resource addresses before the module prefix goes on: "module.x..." is no resource reference.
        const addresses = stringsOf(references)
            .map(referencedAddress)
            .filter((a) => a !== null)
            .map((a) => prefix + a);
        if (addresses.length)
            refs.set(p.path, addresses);
        if (constant !== undefined && p.kind === 'value')
            constants.set(p.path, constant);
    }
    return refs.size || constants.size ? { refs, constants } : null;
}
/** Named by its own attributes (a group by its name), not through other objects (an assignment by its app). */
function namesItself(object) {
    return !(object.info.names[0] ?? '').includes('{@');
}
/**
 * "Policy / Old → Policy / New" reads as "Policy / Old → New". A name that holds an arrow itself (a role
 * assignment: "HELP_DESK_ADMIN → group Eng") would read as a chain: it is "New (was: Old)".
 */
function renamed(previous, current) {
    if (previous.includes(' → ') || current.includes(' → '))
        return `${current} (was: ${previous})`;
    let shared = 0;
    while (shared < previous.length && previous[shared] === current[shared])
        shared++;
    const cut = previous.lastIndexOf(' / ', shared - 1);
    return cut < 0 ? `${previous} → ${current}` : `${previous} → ${current.slice(cut + 3)}`;
}
function resolveNames(changes, drift, prior, config) {
    const byAddress = new Map();
    const byConfigAddress = new Map();
    // Several objects can share an ID (okta_group_memberships and okta_app_group_assignment take their group's), so
    // each ID keeps every candidate, the object named by its own attributes (the group) first: it is what the ID is.
    const byId = new Map();
    const addById = (id, object) => {
        const list = byId.get(id);
        if (!list)
            byId.set(id, [object]);
        else if (namesItself(object))
            list.unshift(object);
        else
            list.push(object);
    };
    const add = (map, key, object) => {
        const list = map.get(key);
        if (list)
            list.push(object);
        else
            map.set(key, [object]);
    };
    for (const object of changes) {
        byAddress.set(object.address, object);
        add(byConfigAddress, configAddressOf(object.address), object);
        for (const id of object.ids)
            addById(id, object);
    }
    for (const object of prior)
        addById(object.id, object);
    const cache = new Map();
    const resolving = new Set();
    const nameOf = (object) => {
        if (!object || resolving.has(object))
            return null;
        if (cache.has(object))
            return cache.get(object) ?? null;
        resolving.add(object);
        const name = renderName(object.info.names, object.after, resolver, object.address);
        resolving.delete(object);
        cache.set(object, name);
        return name;
    };
    /** The object a configuration reference (already a resource address, module path included) points at. */
    const target = (address, owner) => {
        const exact = byAddress.get(address);
        if (exact)
            return exact;
        const instances = byConfigAddress.get(configAddressOf(address)) ?? [];
        if (instances.length === 1)
            return instances[0];
        const ownerKey = instanceKeyOf(owner);
        return ownerKey === null ? undefined : instances.find((i) => instanceKeyOf(i.address) === ownerKey);
    };
    const resolver = {
        byId: (id) => {
            for (const candidate of byId.get(id) ?? []) {
                const name = nameOf(candidate);
                if (name)
                    return name;
            }
            return null;
        },
        byReference: (owner, attribute) => {
            for (const reference of config.get(configAddressOf(owner))?.refs.get(attribute) ?? []) {
                const name = nameOf(target(reference, owner));
                if (name)
                    return name;
            }
            return null;
        },
        constant: (owner, attribute) => config.get(configAddressOf(owner))?.constants.get(attribute),
    };
    const finalName = (object) => {
        const current = nameOf(object);
        // Never through itself: the IDs it names (its group's) may be its own ID too.
        resolving.add(object);
        const previous = object.before
            ? renderName(object.info.names, object.before, resolver, object.address)
            : null;
        resolving.delete(object);
        // A name that counts members ("← 5 users") changes with them: that is no rename.
        const counted = object.info.names.some((template) => template.includes('{#'));
        if (current && previous && current !== previous && !counted)
            return renamed(previous, current);
        const key = instanceKeyOf(object.address);
        return current ?? previous ?? (typeof key === 'string' ? key : object.address);
    };
    return { changes: changes.map(finalName), drift: drift.map(finalName), byId: resolver.byId };
}

;// CONCATENATED MODULE: ./src/review/findings.ts
// Security findings: what a change does, judged by rules (rules/*.ts), each with a stable id, a severity, one
// sentence in Okta's terms and the attributes it is about (before → after, secrets redacted). The checks and their
// evidence: ../shared/okta/security-checks.md (Okta Security's 2023 cross-tenant impersonation write-up, Okta's
// Terraform guides, the provider's docs, the live-org scanners' checks).
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** Lower is more severe. */
function severityRank(severity) {
    return SEVERITIES.indexOf(severity);
}
/** Most severe first; in plan order within a severity. */
function bySeverity(findings) {
    return findings
        .map((finding, order) => ({ finding, order }))
        .sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity) || a.order - b.order)
        .map(({ finding }) => finding);
}
function highestSeverity(findings) {
    let best = null;
    for (const f of findings)
        if (best === null || severityRank(f.severity) < severityRank(best))
            best = f.severity;
    return best;
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __nccwpck_require__(2463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/review/policy-schema.ts
// The JSON Schema of a review policy file (.okta-review.yml), published as schemas/okta-review.schema.json (a test
// checks the two are the same) so that editors validate the file as it is written.

const RULE_IDS = [
    'mfa-weakened',
    'priority-shadowing',
    'long-session',
    'admin-granted',
    'idp-changed',
    'broad-api-scope',
    'zone-whole-internet',
    'guardrail-off',
    'password-weakened',
    'weak-authenticator',
    'oauth-client-risk',
    'destructive-replace',
    'deletion-side-effect',
    'access-removed',
    'hook-destination',
    'provider-hazard',
    'type-risk',
];
const hosts = {
    type: 'array',
    items: { type: 'string', pattern: '^(\\*\\.)?[A-Za-z0-9.-]+(:\\d+)?$' },
    description: 'Host names, or *.domain for every host under it.',
};
const POLICY_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/okta-terraform-action/schemas/okta-review.schema.json',
    title: 'Okta review policy (.okta-review.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
        version: { const: 1, description: 'The policy format: 1.' },
        rules: {
            type: 'object',
            description: 'Per rule id: off, or a severity, or { enabled, severity }.',
            propertyNames: { enum: RULE_IDS },
            additionalProperties: {
                oneOf: [
                    { enum: ['off', ...SEVERITIES] },
                    {
                        type: 'object',
                        additionalProperties: false,
                        properties: { enabled: { type: 'boolean' }, severity: { enum: SEVERITIES } },
                    },
                ],
            },
        },
        allow: {
            type: 'object',
            additionalProperties: false,
            properties: {
                'hook-hosts': {
                    ...hosts,
                    description: 'Where event hooks, inline hooks and log streams may send data.',
                },
                'redirect-hosts': { ...hosts, description: 'OAuth redirect URI hosts that are not findings.' },
                'trusted-cidrs': {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'Network zone entries (CIDRs or ranges) that are yours, however broad.',
                },
                'admin-roles-for-groups': {
                    type: 'array',
                    items: { type: 'string', pattern: '^[A-Z_]+$' },
                    description: 'Admin roles a group may be given without a finding (READ_ONLY_ADMIN, HELP_DESK_ADMIN...).',
                },
            },
        },
    },
    required: ['version'],
};

;// CONCATENATED MODULE: ./src/review/policy.ts
// A repository's review policy: rules turned off, severities changed, allowlists (policy-schema.ts says what a file
// may hold). A file that is not valid fails the run with one line naming the key and the fix.





/** Where a repository keeps its policy when the input review-policy does not say. */
const DEFAULT_POLICY_FILE = '.okta-review.yml';
const BUILT_IN_POLICY = {
    source: 'built-in',
    off: new Set(),
    severity: new Map(),
    allow: { hookHosts: [], redirectHosts: [], trustedCidrs: [], adminRolesForGroups: [] },
};
/** Whether `host` is on a list of hosts and `*.domain` patterns. */
function hostAllowed(host, allowed) {
    const name = host.toLowerCase();
    return allowed.some((entry) => {
        const e = entry.toLowerCase();
        return e.startsWith('*.') ? name.endsWith(e.slice(1)) : name === e;
    });
}
let validate;
/** The first schema error as "key: problem (fix)". */
function describe(error) {
    const at = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(top level)';
    const params = error.params;
    if (error.keyword === 'additionalProperties')
        return `${at === '(top level)' ? '' : `${at}.`}${String(params.additionalProperty)}: not a key of the policy (keys: version, rules, allow; allow: hook-hosts, redirect-hosts, trusted-cidrs, admin-roles-for-groups)`;
    if (error.keyword === 'propertyNames' || (error.keyword === 'enum' && error.propertyName !== undefined)) {
        const name = typeof params.propertyName === 'string' ? params.propertyName : (error.propertyName ?? '?');
        return `rules.${name}: no such rule (rules: ${RULE_IDS.join(', ')})`;
    }
    if (error.keyword === 'required')
        return `${String(params.missingProperty)}: missing (add version: 1)`;
    if (error.keyword === 'const')
        return `${at}: must be 1`;
    if (error.keyword === 'oneOf' || error.keyword === 'enum')
        return `${at}: must be off, a severity (critical, high, medium, low, info) or { enabled, severity }`;
    return `${at}: ${error.message ?? 'not valid'}`;
}
/** Reads and checks a policy file's text. */
function parsePolicy(text, source) {
    const fail = (problem) => {
        throw new ActionError('invalid-input', `the review policy ${source} is not valid: ${problem}`);
    };
    let document;
    try {
        document = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const line = error.linePos?.[0]?.line;
        fail(`it is not YAML${line ? ` (line ${line})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    validate ??= new ajv.Ajv({ allErrors: false, strict: false }).compile(POLICY_SCHEMA);
    if (!validate(document))
        fail(describe((validate.errors ?? [])[0]));
    const doc = document;
    const off = new Set();
    const severity = new Map();
    for (const [rule, setting] of Object.entries(doc.rules ?? {})) {
        if (setting === 'off' || (typeof setting === 'object' && setting.enabled === false))
            off.add(rule);
        else if (typeof setting === 'string')
            severity.set(rule, setting);
        else if (setting.severity)
            severity.set(rule, setting.severity);
    }
    const allow = doc.allow ?? {};
    return {
        source,
        off,
        severity,
        allow: {
            hookHosts: allow['hook-hosts'] ?? [],
            redirectHosts: allow['redirect-hosts'] ?? [],
            trustedCidrs: allow['trusted-cidrs'] ?? [],
            adminRolesForGroups: allow['admin-roles-for-groups'] ?? [],
        },
    };
}
/**
 * The policy at `path` (`shown`: how messages name it); the built-in one when it is not `required` (the default
 * path) and there is no such file. Read once, with the inputs.
 */
function readPolicy(path, shown, { required }) {
    let text;
    try {
        text = (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (!required && error.code === 'ENOENT')
            return BUILT_IN_POLICY;
        throw new ActionError('invalid-input', `the review policy ${shown} can't be read (${error.code ?? 'error'}): give the path of a .okta-review.yml in the repository`);
    }
    return parsePolicy(text, shown);
}
/** What the summary says of a policy. */
function policySummary(policy) {
    return { source: policy.source, off: [...policy.off], severity: Object.fromEntries(policy.severity) };
}

;// CONCATENATED MODULE: ./src/review/rules/values.ts
// Reading raw attribute values the way the rules need them: strings, numbers, string lists, what a list gained.
/** An object value, or null for anything else. */
function plain(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}
function values_text(object, attribute) {
    const value = object?.[attribute];
    return typeof value === 'string' ? value : null;
}
function number(object, attribute) {
    const value = object?.[attribute];
    return typeof value === 'number' ? value : null;
}
function flag(object, attribute) {
    const value = object?.[attribute];
    return typeof value === 'boolean' ? value : null;
}
function strings(object, attribute) {
    const value = object?.[attribute];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
/** The strings of a list attribute that `after` has and `before` had not (all of them for a new object). */
function gained(before, after, attribute) {
    const had = new Set(strings(before, attribute));
    return strings(after, attribute).filter((v) => !had.has(v));
}
/** The strings of a list attribute that `before` had and `after` has not. */
function lost(before, after, attribute) {
    return gained(after, before, attribute);
}
/** An attribute of a single nested block or object attribute (a list of one object in the plan, or an object). */
function nested(object, attribute) {
    const value = object?.[attribute];
    const first = Array.isArray(value) ? value[0] : value;
    return first !== null && typeof first === 'object' && !Array.isArray(first) ? first : null;
}
/** Minutes in an ISO 8601 duration (PT2H, P1D, PT30M), or null. */
function durationMinutes(duration) {
    const m = duration ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration) : null;
    if (!m || duration === 'P' || duration === 'PT')
        return null;
    const [, d = '0', h = '0', min = '0', s = '0'] = m;
    return Number(d) * 1440 + Number(h) * 60 + Number(min) + Number(s) / 60;
}
const quote = (value) => `"${value}"`;
const list = (values) => values.map(quote).join(', ');
/** The rules an okta_app_signon_policy_rules object holds, by name: the provider keys them by name in state. */
function rulesByName(object) {
    const rules = new Map();
    for (const item of Array.isArray(object?.rule) ? object.rule : []) {
        const rule = plain(item);
        const name = values_text(rule, 'name');
        if (rule && name !== null)
            rules.set(name, rule);
    }
    return rules;
}

;// CONCATENATED MODULE: ./src/review/rules/privilege.ts
// Who gets power over the org (security-checks.md rows 3, 4 and 8): admin roles granted, custom roles that manage,
// identity providers that can sign people in or create them, API scopes that manage the org, API tokens.

/** Roles that administer people, apps or the whole org (Okta's standard admin roles; custom roles can be anything). */
const POWERFUL_ROLES = new Set([
    'SUPER_ADMIN',
    'ORG_ADMIN',
    'APP_ADMIN',
    'USER_ADMIN',
    'CUSTOM',
]);
const MANAGE_SCOPE = /^okta\.[a-zA-Z*]+\.manage$/;
const roleSeverity = (roles) => roles.some((r) => POWERFUL_ROLES.has(r)) ? 'critical' : 'high';
const adminGranted = {
    id: 'admin-granted',
    types: [
        'okta_user_admin_roles',
        'okta_group_role',
        'okta_app_oauth_role_assignment',
        'okta_admin_role_custom',
        'okta_admin_role_custom_assignments',
    ],
    check({ type, before, after, allow }) {
        if (!after)
            return null;
        switch (type) {
            case 'okta_user_admin_roles': {
                const roles = gained(before, after, 'admin_roles');
                return roles.length
                    ? {
                        severity: roleSeverity(roles),
                        message: `A user becomes ${roles.join(', ')}.`,
                        attributes: ['admin_roles'],
                    }
                    : null;
            }
            case 'okta_group_role':
            case 'okta_app_oauth_role_assignment': {
                const role = values_text(after, type === 'okta_group_role' ? 'role_type' : 'type') ?? 'an admin role';
                const was = values_text(before, type === 'okta_group_role' ? 'role_type' : 'type');
                if (was === role)
                    return null;
                if (type === 'okta_group_role' && allow.adminRolesForGroups.includes(role))
                    return null;
                const who = type === 'okta_group_role' ? 'Every member of the group' : 'An OAuth service app';
                return {
                    severity: roleSeverity([role]),
                    message: `${who} becomes ${role}${was ? ` (was ${was})` : ''}.`,
                    attributes: type === 'okta_group_role' ? ['role_type', 'group_id'] : ['type', 'client_id'],
                };
            }
            case 'okta_admin_role_custom': {
                const manage = gained(before, after, 'permissions').filter((p) => /\.manage$/.test(p));
                return manage.length
                    ? {
                        severity: 'critical',
                        message: `A custom admin role gains ${list(manage)}.`,
                        attributes: ['permissions'],
                    }
                    : null;
            }
            default: {
                const members = gained(before, after, 'members');
                return members.length
                    ? {
                        severity: 'high',
                        message: `${members.length} ${members.length === 1 ? 'member gets' : 'members get'} a custom admin role.`,
                        attributes: ['members', 'custom_role_id'],
                    }
                    : null;
            }
        }
    },
};
const IDPS = ['okta_idp_saml', 'okta_idp_oidc', 'okta_idp_social'];
const identityProvider = {
    id: 'idp-changed',
    types: [...IDPS, 'okta_policy_rule_idp_discovery'],
    check({ type, action, before, after }) {
        if (!after || (action !== 'create' && action !== 'update' && action !== 'replace'))
            return null;
        if (type === 'okta_policy_rule_idp_discovery') {
            return {
                severity: 'critical',
                message: `Identity provider routing ${before ? 'changes' : 'added'}: which provider signs people in is decided here.`,
                attributes: ['idp_providers', 'user_identifier_patterns', 'priority', 'status'],
            };
        }
        const said = [
            `${before ? 'An identity provider changes' : 'A new identity provider'}: it can sign people in to the org`,
        ];
        if (values_text(after, 'account_link_action') === 'AUTO')
            said.push('links to existing users automatically');
        if (values_text(after, 'provisioning_action') === 'AUTO')
            said.push('creates users it does not know (JIT)');
        if (['ASSIGN', 'APPEND', 'SYNC'].includes(values_text(after, 'groups_action') ?? ''))
            said.push(`puts them in groups (${values_text(after, 'groups_action')})`);
        return {
            severity: 'critical',
            message: `${said.join(', ')}.`,
            attributes: [
                'account_link_action',
                'provisioning_action',
                'groups_action',
                'issuer',
                'issuer_url',
                'status',
            ],
        };
    },
};
const broadApiScope = {
    id: 'broad-api-scope',
    types: ['okta_app_oauth_api_scope', 'okta_api_token'],
    check({ type, action, before, after }) {
        if (type === 'okta_api_token')
            return action === 'create' || action === 'replace'
                ? {
                    severity: 'high',
                    message: "A new API token: it acts with its creator's admin rights until revoked.",
                    attributes: ['name', 'user_id'],
                }
                : null;
        const manage = gained(before, after, 'scopes').filter((s) => MANAGE_SCOPE.test(s));
        return manage.length
            ? {
                severity: 'high',
                message: `An app can change the org through the API: ${list(manage)}.`,
                attributes: ['scopes', 'app_id'],
            }
            : null;
    },
};
const PRIVILEGE_RULES = [adminGranted, identityProvider, broadApiScope];

;// CONCATENATED MODULE: ./src/review/admin-groups.ts
// Security checks row 3, across objects: members added to a group that holds an admin role become admins. Groups
// are known to hold one from okta_group_role in the plan, changed or not; members are added by okta_group_memberships
// (users) and okta_user_group_memberships (groups). Judged once the whole plan is read.


const admin_groups_MAX_LISTED = 10;
class AdminGroups {
    /** Group ID → the admin roles it holds. */
    roles = new Map();
    joins = [];
    /** An okta_group_role in the plan, changed or not: its group holds its role (after the apply, or now). */
    role(values) {
        const object = plain(values.after) ?? plain(values.before);
        const group = values_text(object, 'group_id');
        const role = values_text(object, 'role_type');
        if (!group || !role)
            return;
        this.roles.set(group, (this.roles.get(group) ?? new Set()).add(role));
    }
    /** A changed object: a membership change adds members to groups. */
    change(type, address, values) {
        const before = plain(values.before);
        const after = plain(values.after);
        if (type === 'okta_group_role')
            this.role(values);
        else if (type === 'okta_group_memberships') {
            const group = values_text(after, 'group_id');
            const users = gained(before, after, 'users');
            if (group && users.length)
                this.joins.push({ address, group, members: users, attribute: 'users' });
        }
        else if (type === 'okta_user_group_memberships') {
            const user = values_text(after, 'user_id');
            for (const group of gained(before, after, 'groups'))
                if (user)
                    this.joins.push({ address, group, members: [user], attribute: 'groups' });
        }
    }
    /** The joins to groups that hold an admin role the policy does not allow to groups. */
    findings(policy) {
        if (policy.off.has('admin-granted'))
            return [];
        const found = [];
        for (const join of this.joins) {
            const roles = [...(this.roles.get(join.group) ?? [])].filter((r) => !policy.allow.adminRolesForGroups.includes(r));
            if (roles.length === 0)
                continue;
            const severity = roles.some((r) => POWERFUL_ROLES.has(r)) ? 'critical' : 'high';
            const who = join.members.length === 1 ? 'A user joins' : `${join.members.length} users join`;
            const listed = join.members.slice(0, admin_groups_MAX_LISTED).map((m) => JSON.stringify(m));
            found.push({
                rule: 'admin-granted',
                severity: policy.severity.get('admin-granted') ?? severity,
                address: join.address,
                message: `${who} a group that holds ${roles.join(', ')}: ${join.members.length === 1 ? 'they become' : 'each becomes'} an admin.`,
                evidence: [
                    { path: 'group', before: null, after: JSON.stringify(join.group) },
                    {
                        path: join.attribute === 'users' ? 'users added' : 'user',
                        before: null,
                        after: `${listed.join(', ')}${join.members.length > admin_groups_MAX_LISTED ? `, and ${join.members.length - admin_groups_MAX_LISTED} more` : ''}`,
                    },
                ],
            });
        }
        return found;
    }
}

;// CONCATENATED MODULE: ./src/review/rule-order.ts
// Security checks row 2, across objects: priority shadowing. Okta evaluates a policy's rules by priority (1 first)
// and the first rule that matches a sign-in decides it (Okta's Terraform guide terraform-manage-user-access: an
// Everyone catch-all rule at the top disables the rules below it). A rule that comes to precede a stricter rule it
// overlaps takes those sign-ins from it; a catch-all that moves up leaves the rules below it unreached.
//
// Rules are known from every entry of the plan, changed or not (Terraform lists unchanged objects as no-ops), grouped
// by policy_id; an okta_app_signon_policy_rules object holds a whole policy's rules itself. A rule whose priority is
// unknown until apply is left out: the provider leaves it to Okta, which puts a new rule last.


const ORDERED_RULE_TYPES = [
    'okta_app_signon_policy_rule',
    'okta_app_signon_policy_rules',
    'okta_policy_rule_signon',
    'okta_policy_rule_mfa',
];
const PRIORITY_SHADOWING = 'priority-shadowing';
/** Okta's built-in group of every user: a rule for it applies to everyone the policy covers. */
const EVERYONE = 'Everyone';
const rule_order_MAX_LISTED = 5;
/** A rule the plan gives a place among the others: new, or its priority changed. */
const moved = (rule) => rule.changed && rule.after !== null && rule.before?.priority !== rule.after.priority;
function strengthOf(type, rule) {
    if (values_text(rule, 'access') === 'DENY')
        return { strength: 3, what: 'denied' };
    if (type === 'okta_policy_rule_mfa') {
        const enroll = values_text(rule, 'enroll');
        if (enroll === 'NEVER')
            return { strength: 1, what: 'no enrollment' };
        return enroll === 'LOGIN'
            ? { strength: 3, what: 'enrollment at sign-in' }
            : { strength: 2, what: 'enrollment when challenged' };
    }
    const second = type === 'okta_policy_rule_signon' ? rule.mfa_required === true : values_text(rule, 'factor_mode') === '2FA';
    return second ? { strength: 2, what: 'a second factor' } : { strength: 1, what: 'one factor' };
}
/** Conditions other than who and where: set, they narrow the sign-ins a rule matches. */
const CONDITIONS = [
    'users_excluded',
    'groups_excluded',
    'user_types_excluded',
    'network_excludes',
    'platform_include',
    'device_assurances_included',
    'behaviors',
    'identity_provider_ids',
    'app_include',
];
const ANY = new Set(['', 'ANY']);
function narrowed(rule) {
    const set = (a) => {
        const value = rule[a];
        return Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
    };
    return (CONDITIONS.some(set) ||
        ['risk_score', 'risc_level', 'risk_level', 'authtype'].some((a) => !ANY.has(values_text(rule, a) ?? '')) ||
        rule.device_is_managed === true ||
        rule.device_is_registered === true ||
        (values_text(rule, 'custom_expression') ?? '') !== '' ||
        !['', 'ANY', 'OKTA'].includes(values_text(rule, 'identity_provider') ?? ''));
}
/** A rule's side, or null when it does not exist there, is inactive, or its priority or scope is unknown. */
function sideOf(type, rule) {
    const priority = number(rule, 'priority');
    if (!rule || priority === null || values_text(rule, 'status') === 'INACTIVE')
        return null;
    // An element known only after apply (a group created by this plan) leaves who or where unknown.
    const scope = ['groups_included', 'users_included', 'user_types_included', 'network_includes'];
    if (scope.some((a) => Array.isArray(rule[a]) && strings(rule, a).length !== rule[a].length))
        return null;
    return {
        priority,
        ...strengthOf(type, rule),
        who: ['groups_included', 'users_included', 'user_types_included'].flatMap((a) => strings(rule, a)),
        zones: values_text(rule, 'network_connection') === 'ZONE' ? strings(rule, 'network_includes') : null,
        narrowed: narrowed(rule),
        system: rule.system === true,
    };
}
const and = (items) => items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const subset = (a, b) => a.every((x) => b.includes(x));
const meets = (a, b) => a.some((x) => b.includes(x));
class RuleOrder {
    /** Policy (its ID, or the okta_app_signon_policy_rules object) → its rules. */
    policies = new Map();
    /**
     * Every okta_* rule in the plan; `changed`: the plan changes it. Returns the Okta IDs whose names tell whether it
     * is for everyone (the Everyone group's ID is the org's own).
     */
    rule(type, address, values, changed) {
        const ids = [];
        const before = plain(values.before);
        const after = plain(values.after);
        if (type === 'okta_app_signon_policy_rules') {
            const [was, now] = [rulesByName(before), rulesByName(after)];
            for (const name of new Set([...was.keys(), ...now.keys()])) {
                const b = was.get(name) ?? null;
                const a = now.get(name) ?? null;
                this.add(address, {
                    key: `${address}\u0000${name}`,
                    address,
                    name,
                    changed: changed && JSON.stringify(b) !== JSON.stringify(a),
                    before: sideOf('okta_app_signon_policy_rule', b),
                    after: sideOf('okta_app_signon_policy_rule', a),
                }, ids);
            }
            return ids;
        }
        const policy = values_text(after, 'policy_id') ?? values_text(before, 'policy_id');
        if (!policy)
            return ids;
        this.add(policy, {
            key: address,
            address,
            name: values_text(after, 'name') ?? values_text(before, 'name') ?? address,
            changed,
            before: sideOf(type, before),
            after: sideOf(type, after),
        }, ids);
        return ids;
    }
    add(policy, rule, ids) {
        for (const side of [rule.before, rule.after])
            if (side)
                ids.push(...side.who);
        const rules = this.policies.get(policy);
        if (rules)
            rules.push(rule);
        else
            this.policies.set(policy, [rule]);
    }
    /** A finding for each rule that moves so that a rule shadows another it did not before, on the rule that moved. */
    findings(policy, byId) {
        if (policy.off.has(PRIORITY_SHADOWING))
            return [];
        const forEveryone = (side) => side.who.length === 0 || side.who.some((id) => byId(id) === EVERYONE);
        /** Every sign-in `b` matches, `a` matches too. */
        const covers = (a, b) => !a.narrowed &&
            (forEveryone(a) || (!forEveryone(b) && subset(b.who, a.who))) &&
            (a.zones === null || (b.zones !== null && subset(b.zones, a.zones)));
        const overlaps = (a, b) => (forEveryone(a) || forEveryone(b) || meets(a.who, b.who)) &&
            (a.zones === null || b.zones === null || meets(a.zones, b.zones));
        // Each shadowed rule once, by the rule that matters most: one that asks less, else the first that covers it.
        const bySecond = new Map();
        const rank = (s) => severityRank(s.severity) + s.first.after.priority / 1e9;
        for (const rules of this.policies.values()) {
            for (const first of rules) {
                for (const second of rules) {
                    const [a, b] = [first.after, second.after];
                    if (first === second || !a || !b || !(moved(first) || moved(second)))
                        continue;
                    // Evaluated first; on a tie, the rule the plan moves goes first (Okta shifts the other down).
                    if (!(a.priority < b.priority || (a.priority === b.priority && moved(first) && !moved(second))))
                        continue;
                    if (first.before && second.before && first.before.priority < second.before.priority)
                        continue;
                    let severity = null;
                    if (a.strength < b.strength && overlaps(a, b))
                        severity = covers(a, b) ? 'high' : 'medium';
                    // A rule no stricter left unreached changes what its sign-ins get (sessions, devices), not how much they
                    // prove: worth a line, not a block.
                    else if (!b.system && covers(a, b))
                        severity = 'low';
                    if (!severity)
                        continue;
                    const shadowing = { first, second, severity, weaker: a.strength < b.strength };
                    const known = bySecond.get(second);
                    if (!known || rank(shadowing) < rank(known))
                        bySecond.set(second, shadowing);
                }
            }
        }
        const found = new Map();
        const order = (s) => s.second.after.priority;
        for (const shadowing of [...bySecond.values()].sort((x, y) => order(x) - order(y))) {
            const on = moved(shadowing.first) ? shadowing.first : shadowing.second;
            found.set(on, [...(found.get(on) ?? []), shadowing]);
        }
        return [...found].map(([rule, shadowings]) => this.finding(rule, shadowings, policy));
    }
    finding(rule, shadowings, policy) {
        const severity = highestSeverity(shadowings);
        const what = (r) => r.after.what;
        const listed = shadowings.slice(0, rule_order_MAX_LISTED);
        const clauses = [];
        for (const s of listed.filter((s) => s.second === rule)) {
            clauses.push(s.weaker
                ? `comes after "${s.first.name}" (${what(s.first)}), which takes ${s.severity === 'medium' ? 'the sign-ins they share' : 'every sign-in it decided'}`
                : `comes after "${s.first.name}", which takes every sign-in it decided: it is never reached`);
        }
        // The rules it comes before, in groups by what becomes of them.
        const ahead = listed.filter((s) => s.first === rule);
        for (const [weaker, severity] of [
            [true, 'high'],
            [true, 'medium'],
            [false, 'low'],
        ]) {
            const group = ahead.filter((s) => s.weaker === weaker && s.severity === severity);
            if (group.length === 0)
                continue;
            const one = group.length === 1;
            const names = and(group.map((s) => (weaker ? `"${s.second.name}" (${what(s.second)})` : `"${s.second.name}"`)));
            clauses.push(!weaker
                ? `comes before ${names}, which ${one ? 'is' : 'are'} then never reached`
                : `comes before ${names} and takes ${severity === 'medium' ? 'the sign-ins they share' : `every sign-in ${one ? 'it' : 'they'} decided`}`);
        }
        const more = shadowings.length > rule_order_MAX_LISTED ? `; and ${shadowings.length - rule_order_MAX_LISTED} more` : '';
        const others = shadowings.slice(0, rule_order_MAX_LISTED).map((s) => (s.first === rule ? s.second : s.first));
        return {
            rule: PRIORITY_SHADOWING,
            severity: policy.severity.get(PRIORITY_SHADOWING) ?? severity,
            address: rule.address,
            message: `Rule "${rule.name}" (${what(rule)}) now ${clauses.join('; ')}${more}.`,
            evidence: [rule, ...others].map((r) => ({
                path: r === rule && r.address === r.key ? 'priority' : `rule "${r.name}" priority`,
                before: r.before ? String(r.before.priority) : null,
                after: r.after ? String(r.after.priority) : null,
            })),
        };
    }
}

;// CONCATENATED MODULE: ./src/review/rules/network.ts
// Network rules (security-checks.md rows 5 and 6): the whole internet as a zone, guardrails turned off. Okta
// support's "Trusted Proxy and Network Zones" advisory: a zone of 0.0.0.0-255.255.255.255 as trusted proxy skips
// ThreatInsight for every sign-in.

/** IPv4 addresses in a CIDR or a range, or null when it is not one. */
function ipv4Span(entry) {
    const toNumber = (ip) => {
        const parts = ip.split('.').map(Number);
        if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
            return null;
        return parts.reduce((n, p) => n * 256 + p, 0);
    };
    const cidr = /^([\d.]+)\/(\d+)$/.exec(entry);
    if (cidr)
        return toNumber(cidr[1] ?? '') === null ? null : 2 ** (32 - Number(cidr[2]));
    const range = /^([\d.]+)-([\d.]+)$/.exec(entry);
    if (range) {
        const [from, to] = [toNumber(range[1] ?? ''), toNumber(range[2] ?? '')];
        return from === null || to === null ? null : to - from + 1;
    }
    return toNumber(entry) === null ? null : 1;
}
/** A /8 or more of IPv4 (16 million addresses), or a /16 or more of IPv6: no one's own network. */
function isInternetWide(entry) {
    const v6 = /^([0-9a-fA-F:]+)\/(\d+)$/.exec(entry);
    if (v6 && entry.includes(':'))
        return Number(v6[2]) <= 16;
    const span = ipv4Span(entry.trim());
    return span !== null && span >= 2 ** 24;
}
const internetZone = {
    id: 'zone-whole-internet',
    types: ['okta_network_zone', 'okta_threat_insight_settings'],
    check({ type, before, after, allow }) {
        if (!after)
            return null;
        if (type === 'okta_threat_insight_settings') {
            const excluded = gained(before, after, 'network_excludes');
            return excluded.length
                ? {
                    severity: 'high',
                    message: `ThreatInsight stops checking sign-ins from ${excluded.length === 1 ? 'a zone' : `${excluded.length} zones`}.`,
                    attributes: ['network_excludes'],
                }
                : null;
        }
        const wide = ['gateways', 'proxies'].flatMap((a) => gained(before, after, a)
            .filter((entry) => isInternetWide(entry) && !allow.trustedCidrs.includes(entry))
            .map((entry) => ({ a, entry })));
        if (wide.length === 0)
            return null;
        const proxies = wide.filter((w) => w.a === 'proxies').map((w) => w.entry);
        return {
            severity: 'high',
            message: proxies.length
                ? `Every address on the internet becomes a trusted proxy (${list(proxies)}): ThreatInsight and the zone's rules no longer see where sign-ins come from.`
                : `The zone now covers the whole internet (${list(wide.map((w) => w.entry))}): rules that trust it trust everyone.`,
            attributes: [...new Set(wide.map((w) => w.a))],
        };
    },
};
const guardrailOff = {
    id: 'guardrail-off',
    types: ['okta_threat_insight_settings', 'okta_network_zone', 'okta_rate_limiting'],
    check({ type, action, before, after }) {
        if (type === 'okta_threat_insight_settings') {
            return values_text(after, 'action') === 'none' && values_text(before, 'action') !== 'none'
                ? {
                    severity: 'high',
                    message: `ThreatInsight turned off: action ${values_text(before, 'action') ?? 'unset'} → none, sign-ins from known-bad IPs are no longer blocked or logged.`,
                    attributes: ['action'],
                }
                : null;
        }
        if (type === 'okta_rate_limiting') {
            const mode = values_text(after, 'default_mode');
            return mode &&
                mode !== 'ENFORCE' &&
                mode !== values_text(before, 'default_mode') &&
                values_text(before, 'default_mode') === 'ENFORCE'
                ? {
                    severity: 'high',
                    message: `Per-client rate limits no longer enforced: default_mode ENFORCE → ${mode}.`,
                    attributes: ['default_mode'],
                }
                : null;
        }
        if (values_text(before, 'usage') !== 'BLOCKLIST' || values_text(before, 'status') === 'INACTIVE')
            return null;
        if (action === 'delete' || action === 'replace')
            return {
                severity: 'high',
                message: `A block list ${action === 'delete' ? 'is deleted' : 'is replaced (gone until the new one exists)'}: the addresses it blocked can sign in.`,
                attributes: ['gateways', 'usage', 'status'],
            };
        return values_text(after, 'status') === 'INACTIVE'
            ? {
                severity: 'high',
                message: 'A block list is deactivated: the addresses it blocked can sign in.',
                attributes: ['status'],
            }
            : null;
    },
};
const NETWORK_RULES = [internetZone, guardrailOff];

;// CONCATENATED MODULE: ./src/review/zone-use.ts
// Security checks row 5, across objects: a rule that lets people sign in from a network zone which covers the whole
// internet. "Only from the office network" then means from anywhere: a rule that asks less in that zone asks less of
// everyone. Zones are known from the plan's managed entries, changed or not (Terraform lists unchanged ones as
// no-ops); a zone read by a data source, or known only after apply, is not judged.


const RULE_ID = 'zone-whole-internet';
const RULE_TYPES = new Set(['okta_app_signon_policy_rule', 'okta_policy_rule_signon']);
class ZoneUse {
    zones = new Map();
    uses = [];
    /** An okta_network_zone in the plan, changed or not: what it covers after the apply (or now). */
    zone(values) {
        const zone = plain(values.after) ?? plain(values.before);
        const id = values_text(zone, 'id');
        if (!zone || !id || values_text(zone, 'usage') === 'BLOCKLIST')
            return;
        const gateways = Array.isArray(zone.gateways) ? zone.gateways : [];
        const wide = gateways.filter((g) => typeof g === 'string' && isInternetWide(g));
        this.zones.set(id, { name: values_text(zone, 'name') ?? id, wide });
    }
    /** A changed sign-on rule (one, or each of an okta_app_signon_policy_rules object's): the zones it newly allows. */
    rule(type, address, values) {
        const before = plain(values.before);
        const after = plain(values.after);
        if (type === 'okta_app_signon_policy_rules') {
            const was = rulesByName(before);
            for (const [name, rule] of rulesByName(after))
                this.use(address, was.get(name) ?? null, rule);
        }
        else if (RULE_TYPES.has(type))
            this.use(address, before, after);
    }
    use(address, before, after) {
        if (!after || values_text(after, 'access') === 'DENY' || values_text(after, 'network_connection') !== 'ZONE')
            return;
        const zones = gained(before, after, 'network_includes');
        if (zones.length)
            this.uses.push({ address, rule: values_text(after, 'name') ?? address, zones });
    }
    findings(policy) {
        if (policy.off.has(RULE_ID))
            return [];
        const found = [];
        for (const use of this.uses) {
            for (const id of use.zones) {
                const zone = this.zones.get(id);
                const wide = zone?.wide.filter((entry) => !policy.allow.trustedCidrs.includes(entry)) ?? [];
                if (!zone || wide.length === 0)
                    continue;
                found.push({
                    rule: RULE_ID,
                    severity: policy.severity.get(RULE_ID) ?? 'high',
                    address: use.address,
                    message: `Rule "${use.rule}" lets people sign in from zone "${zone.name}", which covers the whole internet (${list(wide)}): in this zone means anywhere.`,
                    evidence: [
                        { path: 'network_includes', before: null, after: JSON.stringify(id) },
                        { path: `zone "${zone.name}" gateways`, before: null, after: JSON.stringify(wide) },
                    ],
                });
            }
        }
        return found;
    }
}

;// CONCATENATED MODULE: ./src/review/provider-hazards.ts
// The "warn" rows of reference/okta/known-noise.tsv, as findings (rule provider-hazard): configurations okta/okta is
// known to fight over, where each apply takes away what another object gave.
// - okta_group_memberships on a group a group rule assigns people to: the provider removes the users the rule added
//   (3.26 and later), and the rule adds them back (#1094 #1149 #179).
// - okta_app_group_assignments next to another assignment resource of the same app: its read returns every group
//   assigned to the app, so the two never converge and each apply unassigns the other's groups (docs
//   app_group_assignments.md). Judged when both are in the plan's changes: the plan that adds the second one, and
//   every plan after, where each undoes the other. (An unchanged neighbour's groups show as groups the set removes,
//   which access-removed judges; reading every unchanged assignment of a large org costs more than it adds.)
// - an okta_group_rule that is INVALID (a group it assigns to was deleted): Okta lets it only be read or deleted, so an
//   update fails (#157, PR #250; CHANGELOG #1813).
// Group rules are known from every entry of the plan, changed or not.

const PROVIDER_HAZARD = 'provider-hazard';
const HAZARD_TYPES = [
    'okta_group_rule',
    'okta_group_memberships',
    'okta_app_group_assignment',
    'okta_app_group_assignments',
];
const provider_hazards_MAX_LISTED = 3;
class ProviderHazards {
    /** Group ID → the first group rule that assigns people to it (one string per group: plans hold 100,000 rules). */
    ruleTargets = new Map();
    /** Group ID → how many more rules assign to it, for the few groups with more than one. */
    moreRules = new Map();
    /** App ID → its group assignment resources. */
    appAssignments = new Map();
    memberships = [];
    invalidRules = [];
    /** An object of a HAZARD_TYPES type; `changed`: the plan changes it. */
    object(type, address, values, changed) {
        const before = plain(values.before);
        const object = plain(values.after) ?? before;
        if (type === 'okta_group_rule') {
            const name = values_text(object, 'name') ?? address();
            for (const group of strings(object, 'group_assignments')) {
                if (!this.ruleTargets.has(group))
                    this.ruleTargets.set(group, name);
                else
                    this.moreRules.set(group, (this.moreRules.get(group) ?? 0) + 1);
            }
            if (changed && values.after && values_text(before, 'status') === 'INVALID')
                this.invalidRules.push({
                    address: address(),
                    message: `Group rule "${name}" is INVALID (a group it assigns people to was deleted): Okta lets it only be read or deleted, so this update fails.`,
                    evidence: [
                        {
                            path: 'status',
                            before: '"INVALID"',
                            after: JSON.stringify(values_text(plain(values.after), 'status')),
                        },
                    ],
                });
        }
        else if (type === 'okta_group_memberships') {
            const group = values_text(object, 'group_id');
            if (changed && group && values.after)
                this.memberships.push({ address: address(), group });
        }
        else {
            const app = values_text(object, 'app_id');
            if (!app)
                return;
            let assignments = this.appAssignments.get(app);
            if (!assignments)
                this.appAssignments.set(app, (assignments = { count: 0, some: [], changedSets: [] }));
            assignments.count++;
            if (assignments.some.length < provider_hazards_MAX_LISTED)
                assignments.some.push(address());
            if (changed && type === 'okta_app_group_assignments')
                assignments.changedSets.push(address());
        }
    }
    findings(policy) {
        if (policy.off.has(PROVIDER_HAZARD))
            return [];
        const hazards = [...this.invalidRules];
        for (const { address, group } of this.memberships) {
            const rule = this.ruleTargets.get(group);
            const more = this.moreRules.get(group);
            if (rule)
                hazards.push({
                    address,
                    message: `Group rule "${rule}"${more ? ` (and ${more} more)` : ''} also assigns people to this group: okta_group_memberships removes the users the rule adds, and the rule adds them back.`,
                    evidence: [{ path: 'group_id', before: null, after: JSON.stringify(group) }],
                });
        }
        for (const [app, { count, some, changedSets }] of this.appAssignments) {
            if (count < 2)
                continue;
            for (const address of changedSets) {
                const others = some.filter((a) => a !== address).slice(0, provider_hazards_MAX_LISTED - 1);
                const more = count - 1 - others.length;
                hazards.push({
                    address,
                    message: `okta_app_group_assignments reads every group assigned to the app, also those of ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}: they never converge, and each apply unassigns the other's groups.`,
                    evidence: [{ path: 'app_id', before: null, after: JSON.stringify(app) }],
                });
            }
        }
        return hazards.map((h) => ({
            rule: PROVIDER_HAZARD,
            severity: policy.severity.get(PROVIDER_HAZARD) ?? 'medium',
            ...h,
        }));
    }
}

;// CONCATENATED MODULE: ./src/review/rules/apps.ts
// App rules (security-checks.md rows 7, 12, 13 and 15): OAuth clients made easier to abuse, replaces that break
// integrations or lose data, deletions with side effects, access taken from a whole group.


const worse = (a, b) => a === 'high' || b === 'high' ? 'high' : 'medium';
/** A redirect URI on a host the repository allows. */
function allowedRedirect(uri, hosts) {
    try {
        return hostAllowed(new URL(uri).host, hosts);
    }
    catch {
        return false;
    }
}
const oauthClient = {
    id: 'oauth-client-risk',
    types: ['okta_app_oauth'],
    check({ before, after, allow }) {
        if (!after)
            return null;
        const said = [];
        const attributes = new Set();
        let severity = 'medium';
        const add = (s, text, attribute) => {
            said.push(text);
            attributes.add(attribute);
            severity = worse(severity, s);
        };
        if (gained(before, after, 'grant_types').includes('implicit'))
            add('high', 'the implicit grant (tokens in the browser URL)', 'grant_types');
        const tokens = gained(before, after, 'response_types').filter((r) => r === 'token' || r === 'id_token');
        if (tokens.length)
            add('high', `tokens returned from the authorize endpoint (${list(tokens)})`, 'response_types');
        const type = values_text(after, 'type');
        if ((type === 'browser' || type === 'native') &&
            flag(after, 'pkce_required') === false &&
            flag(before, 'pkce_required') !== false)
            add('high', `no PKCE for a ${type} app`, 'pkce_required');
        if ((type === 'web' || type === 'service') &&
            values_text(after, 'token_endpoint_auth_method') === 'none' &&
            values_text(before, 'token_endpoint_auth_method') !== 'none')
            add('high', `no client authentication for a ${type} app (token_endpoint_auth_method none)`, 'token_endpoint_auth_method');
        const wildcard = values_text(after, 'wildcard_redirect');
        if (wildcard && wildcard !== 'DISABLED' && wildcard !== values_text(before, 'wildcard_redirect'))
            add('medium', `wildcard redirect URIs (${wildcard})`, 'wildcard_redirect');
        for (const uri of gained(before, after, 'redirect_uris').filter((u) => !allowedRedirect(u, allow.redirectHosts))) {
            const local = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/i.test(uri);
            if (local)
                add('medium', `a localhost redirect URI (${uri})`, 'redirect_uris');
            else if (/^http:\/\//i.test(uri))
                add('high', `a redirect URI without TLS (${uri})`, 'redirect_uris');
        }
        if (values_text(after, 'consent_method') === 'TRUSTED') {
            // Third party: the repository lists its own redirect hosts, and the app sends users elsewhere.
            const thirdParty = (object) => allow.redirectHosts.length > 0 &&
                strings(object, 'redirect_uris').some((u) => !allowedRedirect(u, allow.redirectHosts));
            if (values_text(before, 'consent_method') === 'REQUIRED')
                add('medium', 'tokens with scopes users were not asked to consent to (consent_method REQUIRED → TRUSTED)', 'consent_method');
            else if (thirdParty(after) && !(thirdParty(before) && values_text(before, 'consent_method') === 'TRUSTED'))
                add('medium', 'tokens with scopes users were not asked to consent to, for a third-party app (redirect URIs outside redirect-hosts; consent_method TRUSTED)', 'consent_method');
        }
        if (said.length === 0)
            return null;
        return { severity, message: `The OAuth client allows ${said.join('; ')}.`, attributes: [...attributes] };
    },
};
/** Replace-forcing attributes whose replace loses data or breaks every integration, and what it means. */
const DESTRUCTIVE = {
    okta_user_schema_property: {
        severity: 'critical',
        means: 'the profile attribute is deleted and created again: its value in every user profile is lost for good',
    },
    okta_app_oauth: {
        severity: 'high',
        means: 'a new client_id and client_secret: every integration using the old ones stops signing in',
    },
    okta_app_saml: {
        severity: 'high',
        means: 'a new entity ID and signing certificate: the service provider must be set up again',
    },
};
const destructiveReplace = {
    id: 'destructive-replace',
    types: Object.keys(DESTRUCTIVE),
    check({ type, action }) {
        const what = DESTRUCTIVE[type];
        if (action !== 'replace' || !what)
            return null;
        const attributes = type === 'okta_user_schema_property'
            ? ['index', 'external_name', 'external_namespace', 'unique']
            : type === 'okta_app_oauth'
                ? ['type', 'client_id', 'omit_secret']
                : ['preconfigured_app'];
        return { severity: what.severity, message: `Replaced: ${what.means}.`, attributes };
    },
};
const deletionSideEffect = {
    id: 'deletion-side-effect',
    types: ['okta_app_signon_policy', 'okta_org_configuration'],
    check({ type, action, before, after }) {
        if (type === 'okta_app_signon_policy')
            return action === 'delete'
                ? {
                    severity: 'high',
                    message: 'Deleting an authentication policy moves its apps to the default policy, whatever that allows.',
                    attributes: ['name'],
                }
                : null;
        if (!before || !after)
            return null;
        const cleared = Object.keys(before).filter((a) => a !== 'id' && before[a] !== null && before[a] !== '' && (after[a] === null || after[a] === ''));
        return cleared.length
            ? {
                severity: 'high',
                message: `Okta clears org settings the configuration leaves out: ${cleared.join(', ')}.`,
                attributes: cleared,
            }
            : null;
    },
};
const SAML_ROLE_KEYS = /"(role|roles|samlRoles)"\s*:/;
const accessRemoved = {
    id: 'access-removed',
    types: ['okta_app_group_assignment', 'okta_app_group_assignments'],
    check({ type, action, before, after }) {
        if (type === 'okta_app_group_assignment') {
            if (action === 'delete')
                return {
                    severity: 'high',
                    message: 'The group is taken off the app: its members lose access, and their app accounts are deprovisioned.',
                    attributes: ['app_id', 'group_id'],
                };
            const was = values_text(before, 'profile');
            const now = values_text(after, 'profile');
            return was !== null &&
                now !== null &&
                was !== now &&
                (SAML_ROLE_KEYS.test(was) || SAML_ROLE_KEYS.test(now))
                ? {
                    severity: 'medium',
                    message: "The roles the app gives the group's members change (profile).",
                    attributes: ['profile'],
                }
                : null;
        }
        const ids = (object) => {
            const groups = object?.group;
            return Array.isArray(groups)
                ? groups.flatMap((g) => strings({ g: [g.id] }, 'g'))
                : [];
        };
        const removed = action === 'delete' ? ids(before) : lost({ i: ids(before) }, { i: ids(after) }, 'i');
        return removed.length
            ? {
                severity: 'high',
                message: `${removed.length === 1 ? 'A group is' : `${removed.length} groups are`} taken off the app: their members lose access, and their app accounts are deprovisioned.`,
                attributes: ['group'],
            }
            : null;
    },
};
const APP_RULES = [
    oauthClient,
    destructiveReplace,
    deletionSideEffect,
    accessRemoved,
];

;// CONCATENATED MODULE: ./src/review/rules/credentials.ts
// Passwords and authenticators (security-checks.md rows 9 and 11): a weaker password policy, self-service unlock,
// strong authenticators turned off, phishable ones made required. The 12-character floor is NIST SP 800-63B's
// recommendation for single-factor passwords that Okta's own guidance follows.

const MIN_LENGTH = 12;
const COMPLEXITY = [
    'password_min_lowercase',
    'password_min_uppercase',
    'password_min_number',
    'password_min_symbol',
];
const passwordWeakened = {
    id: 'password-weakened',
    types: ['okta_policy_password', 'okta_policy_password_default', 'okta_policy_rule_password'],
    check({ type, before, after }) {
        if (!after)
            return null;
        const said = [];
        const attributes = [];
        const note = (text, attribute) => {
            said.push(text);
            attributes.push(attribute);
        };
        if (type === 'okta_policy_rule_password') {
            // ALLOW or DENY (the provider's default).
            if (values_text(after, 'password_unlock') === 'ALLOW' && values_text(before, 'password_unlock') !== 'ALLOW')
                note('users unlock their own accounts (self-service unlock)', 'password_unlock');
        }
        else {
            const length = number(after, 'password_min_length');
            const was = number(before, 'password_min_length');
            if (length !== null && length < MIN_LENGTH && (was === null || length < was))
                note(`passwords as short as ${length} characters`, 'password_min_length');
            const history = number(after, 'password_history_count');
            const hadHistory = number(before, 'password_history_count');
            if (history !== null && hadHistory !== null && history < hadHistory)
                note(`old passwords reused sooner (history ${hadHistory} → ${history})`, 'password_history_count');
            const lockout = number(after, 'password_max_lockout_attempts');
            const hadLockout = number(before, 'password_max_lockout_attempts');
            if (lockout === 0 && hadLockout !== 0)
                note('no lockout after failed attempts', 'password_max_lockout_attempts');
            else if (lockout !== null && hadLockout !== null && hadLockout > 0 && lockout > hadLockout)
                note(`more guesses before lockout (${hadLockout} → ${lockout})`, 'password_max_lockout_attempts');
            const unlock = number(after, 'password_auto_unlock_minutes');
            if (unlock !== null && unlock > 0 && !number(before, 'password_auto_unlock_minutes'))
                note(`locked accounts unlock themselves after ${unlock} minutes`, 'password_auto_unlock_minutes');
            for (const rule of COMPLEXITY) {
                if (number(before, rule) === 1 && number(after, rule) === 0)
                    note(`${rule.replace('password_min_', '')} characters no longer required`, rule);
            }
            if (flag(before, 'password_dictionary_lookup') === true &&
                flag(after, 'password_dictionary_lookup') === false)
                note('common passwords allowed (dictionary lookup off)', 'password_dictionary_lookup');
        }
        if (said.length === 0)
            return null;
        return { severity: 'medium', message: `Weaker passwords: ${said.join('; ')}.`, attributes };
    },
};
/** Phishing-resistant or app-based authenticators, by key: turning them off leaves weaker factors. */
const STRONG = new Set(['okta_verify', 'webauthn', 'smart_card_idp', 'yubikey_token']);
/** Factors that can be phished or intercepted, as okta_policy_mfa names them. */
const WEAK_FACTORS = ['okta_sms', 'okta_call', 'okta_email', 'phone_number'];
const weakAuthenticator = {
    id: 'weak-authenticator',
    types: ['okta_authenticator', 'okta_policy_mfa'],
    check({ type, action, before, after }) {
        if (type === 'okta_authenticator') {
            const key = values_text(after ?? before, 'key') ?? '';
            if (!STRONG.has(key))
                return null;
            const off = action === 'delete' ||
                (values_text(before, 'status') !== 'INACTIVE' && values_text(after, 'status') === 'INACTIVE');
            return off
                ? {
                    severity: 'medium',
                    message: `A strong authenticator (${key}) is turned off: its users fall back to weaker factors.`,
                    attributes: ['key', 'status'],
                }
                : null;
        }
        const enroll = (object, factor) => {
            const settings = object?.[factor];
            return settings !== null && typeof settings === 'object'
                ? values_text(settings, 'enroll')
                : null;
        };
        const required = WEAK_FACTORS.filter((f) => enroll(after, f) === 'REQUIRED' && enroll(before, f) !== 'REQUIRED');
        return required.length
            ? {
                severity: 'medium',
                message: `Phishable factors made required: ${required.join(', ')}.`,
                attributes: required,
            }
            : null;
    },
};
const CREDENTIAL_RULES = [passwordWeakened, weakAuthenticator];

;// CONCATENATED MODULE: ./src/review/rules/hooks.ts
// Where Okta sends data (security-checks.md row 14): event hooks, inline hooks and log streams pointed at a new
// host. A password-import inline hook receives every user's password in clear at their first sign-in.


const PASSWORD_IMPORT = 'com.okta.user.credential.password.import';
/** The host of a hook's channel URI (channel is an object, or channel_json a JSON string). */
function hookHost(object) {
    let uri = values_text(nested(object, 'channel'), 'uri');
    const json = values_text(object, 'channel_json');
    if (!uri && json) {
        try {
            const channel = JSON.parse(json);
            const config = channel?.config;
            uri = typeof config?.uri === 'string' ? config.uri : null;
        }
        catch {
            uri = null;
        }
    }
    if (!uri)
        return null;
    try {
        return new URL(uri).host;
    }
    catch {
        return uri;
    }
}
/** Where a log stream sends the System Log: a Splunk host, or an AWS account and region. */
function streamTarget(object) {
    const settings = nested(object, 'settings');
    const host = values_text(settings, 'host');
    if (host)
        return host;
    const account = values_text(settings, 'account_id');
    return account ? `AWS account ${account} (${values_text(settings, 'region') ?? 'no region'})` : null;
}
const dataLeavesOkta = {
    id: 'hook-destination',
    types: ['okta_event_hook', 'okta_inline_hook', 'okta_log_stream'],
    check({ type, before, after, allow }) {
        if (!after)
            return null;
        const target = type === 'okta_log_stream' ? streamTarget : hookHost;
        const now = target(after);
        if (!now || now === target(before) || hostAllowed(now, allow.hookHosts))
            return null;
        const what = type === 'okta_log_stream'
            ? 'the System Log (every sign-in and admin action)'
            : type === 'okta_event_hook'
                ? 'events'
                : 'requests';
        if (type === 'okta_inline_hook' && values_text(after, 'type') === PASSWORD_IMPORT)
            return {
                severity: 'high',
                message: `A password import hook sends users' passwords, in clear, to ${now}.`,
                attributes: ['channel', 'type'],
            };
        return {
            severity: 'medium',
            message: `Okta sends ${what} to ${now}${before ? ` (was ${target(before) ?? 'nowhere'})` : ''}.`,
            attributes: type === 'okta_log_stream' ? ['settings', 'type'] : ['channel', 'channel_json'],
        };
    },
};
const HOOK_RULES = [dataLeavesOkta];

;// CONCATENATED MODULE: ./src/review/rules/sign-on.ts
// Sign-on rules (security-checks.md rows 1 and 10): a second factor dropped or loosened, sessions made long.
// Okta's values: factor_mode 1FA/2FA; mfa_prompt DEVICE < SESSION < ALWAYS (how often MFA is asked); a session
// lifetime of 0 minutes is no limit (Okta's maxSessionLifetimeMinutes).

const APP_RULE = 'okta_app_signon_policy_rule';
const SIGNON_RULE = 'okta_policy_rule_signon';
const PROMPT_STRENGTH = { DEVICE: 1, SESSION: 2, ALWAYS: 3 };
/** No group, user or user type condition: the rule applies to everyone its policy applies to. */
function appliesToEveryone(change) {
    return ['groups_included', 'users_included', 'user_types_included'].every((a) => strings(change.after, a).length === 0);
}
const mfaWeakened = {
    id: 'mfa-weakened',
    types: [APP_RULE, SIGNON_RULE],
    check(change) {
        const { before, after } = change;
        if (!after)
            return null;
        if (change.type === APP_RULE) {
            const allows = values_text(after, 'access') !== 'DENY';
            if (values_text(after, 'factor_mode') === '1FA' && allows && values_text(before, 'factor_mode') !== '1FA') {
                const who = appliesToEveryone(change) ? 'everyone the policy covers' : 'the users it covers';
                return {
                    severity: 'critical',
                    message: before
                        ? `Second factor dropped: factor_mode 2FA → 1FA, a password alone now signs in ${who}.`
                        : `A rule that lets ${who} sign in with one factor (factor_mode 1FA).`,
                    attributes: ['factor_mode', 'access', 'groups_included'],
                };
            }
            const was = durationMinutes(values_text(before, 're_authentication_frequency'));
            const now = durationMinutes(values_text(after, 're_authentication_frequency'));
            if (before && was !== null && now !== null && now > was) {
                return {
                    severity: 'high',
                    message: `Re-authentication asked less often: every ${values_text(before, 're_authentication_frequency')} → every ${values_text(after, 're_authentication_frequency')}.`,
                    attributes: ['re_authentication_frequency'],
                };
            }
            return null;
        }
        if (flag(before, 'mfa_required') === true && flag(after, 'mfa_required') === false) {
            return {
                severity: 'critical',
                message: 'MFA no longer required: mfa_required true → false, sign-ins under this rule take a password alone.',
                attributes: ['mfa_required', 'access'],
            };
        }
        const promptBefore = PROMPT_STRENGTH[values_text(before, 'mfa_prompt') ?? ''];
        const promptAfter = PROMPT_STRENGTH[values_text(after, 'mfa_prompt') ?? ''];
        if (flag(after, 'mfa_required') && promptBefore && promptAfter && promptAfter < promptBefore) {
            return {
                severity: 'critical',
                message: `MFA asked less often: mfa_prompt ${values_text(before, 'mfa_prompt')} → ${values_text(after, 'mfa_prompt')}.`,
                attributes: ['mfa_prompt'],
            };
        }
        return null;
    },
};
/** A number attribute set (or changed) to more than `limit`. */
function raisedPast(change, attribute, limit) {
    const now = number(change.after, attribute);
    return now !== null && now !== number(change.before, attribute) && now > limit;
}
const longSession = {
    id: 'long-session',
    types: [SIGNON_RULE, APP_RULE],
    check(change) {
        const { before, after } = change;
        if (!after)
            return null;
        const said = [];
        const attributes = [];
        if (change.type === SIGNON_RULE) {
            const lifetime = number(after, 'session_lifetime');
            if (lifetime === 0 && number(before, 'session_lifetime') !== 0) {
                said.push('sessions never expire (session_lifetime 0)');
                attributes.push('session_lifetime');
            }
            else if (raisedPast(change, 'session_lifetime', 1440)) {
                said.push(`sessions last ${lifetime} minutes (over a day)`);
                attributes.push('session_lifetime');
            }
            if (raisedPast(change, 'session_idle', 120)) {
                said.push(`idle sessions last ${number(after, 'session_idle')} minutes (over two hours)`);
                attributes.push('session_idle');
            }
            if (flag(after, 'session_persistent') === true && flag(before, 'session_persistent') !== true) {
                said.push('sessions survive closing the browser (session_persistent)');
                attributes.push('session_persistent');
            }
        }
        else {
            const idle = durationMinutes(values_text(after, 'inactivity_period'));
            if (idle !== null &&
                idle > 120 &&
                values_text(after, 'inactivity_period') !== values_text(before, 'inactivity_period')) {
                said.push(`an app session stays signed in after ${values_text(after, 'inactivity_period')} idle (over two hours)`);
                attributes.push('inactivity_period');
            }
        }
        if (said.length === 0)
            return null;
        return { severity: 'medium', message: `Long sessions: ${said.join('; ')}.`, attributes };
    },
};
const SIGN_ON_RULES = [mfaWeakened, longSession];

;// CONCATENATED MODULE: ./src/review/rules/index.ts
// Every built-in rule, by what it looks at (the rows of ../shared/okta/security-checks.md).






const ALL_RULES = [
    ...SIGN_ON_RULES,
    ...PRIVILEGE_RULES,
    ...NETWORK_RULES,
    ...CREDENTIAL_RULES,
    ...APP_RULES,
    ...HOOK_RULES,
];

;// CONCATENATED MODULE: ./src/review/engine.ts
// The rule engine: each change's raw before → after, given to the rules written for its type, into findings with
// their evidence (redacted as the review's diffs are). Where no rule speaks, the type's own risk (catalog data) stays
// as a low finding. Rules are looked up by type: a plan of 300,000 unchanged objects costs nothing here.












const MAX_EVIDENCE_CHARS = 200;
const engine_UNKNOWN = '(known after apply)';
/** Whether a sensitive mask marks a value, or any part of it (Terraform masks lists and blocks element by element). */
function marksSensitive(mask) {
    if (mask === true)
        return true;
    if (Array.isArray(mask))
        return mask.some(marksSensitive);
    return mask !== null && typeof mask === 'object' && Object.values(mask).some(marksSensitive);
}
const rulesByType = new Map();
for (const rule of ALL_RULES) {
    for (const type of rule.types)
        rulesByType.set(type, [...(rulesByType.get(type) ?? []), rule]);
}
/**
 * The findings of one change. `typeRisk`: the type's own risk reasons, kept as a low finding when no rule speaks
 * (the catalog's per-type judgement, from before rules existed).
 */
function findingsOf(change, info, typeRisk, scrubber, policy) {
    const { values } = change;
    const afterUnknown = plain(values.afterUnknown);
    const input = {
        address: change.address,
        type: info.type,
        action: change.action,
        before: plain(values.before),
        after: plain(values.after),
        unknown: (attribute) => afterUnknown?.[attribute] === true,
        allow: policy.allow,
    };
    const secret = (attribute, side) => {
        const mask = plain(side === 'before' ? values.beforeSensitive : values.afterSensitive);
        return info.secretAttrs.includes(attribute) || marksSensitive(mask?.[attribute]);
    };
    const show = (attribute, side) => {
        if (side === 'after' && input.unknown(attribute))
            return engine_UNKNOWN;
        const value = (side === 'before' ? input.before : input.after)?.[attribute];
        if (value === null || value === undefined)
            return null;
        if (secret(attribute, side))
            return REDACTED;
        // JSON, as the review's diffs show values: a quoted Okta ID is then named like theirs ("00g1…" (Engineering)).
        const text = scrubber.scrub(JSON.stringify(value));
        return text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS - 1)}…` : text;
    };
    const evidence = (attributes) => attributes.map((path) => ({ path, before: show(path, 'before'), after: show(path, 'after') }));
    const findings = [];
    for (const rule of rulesByType.get(info.type) ?? []) {
        if (policy.off.has(rule.id))
            continue;
        const hit = rule.check(input);
        if (!hit)
            continue;
        findings.push({
            rule: rule.id,
            severity: policy.severity.get(rule.id) ?? hit.severity,
            address: change.address,
            message: scrubber.scrub(hit.message),
            evidence: evidence(hit.attributes),
        });
    }
    if (findings.length === 0 && typeRisk.highRisk && !policy.off.has('type-risk')) {
        findings.push({
            rule: 'type-risk',
            severity: policy.severity.get('type-risk') ?? 'low',
            address: change.address,
            message: typeRisk.reasons.join(' '),
            evidence: [],
        });
    }
    return findings;
}
const ORDERED_TYPES = new Set(ORDERED_RULE_TYPES);
const HAZARDOUS = new Set(HAZARD_TYPES);
/**
 * Types whose unchanged objects the findings of other changes depend on (FindingsCollector.unchanged), with the
 * attributes read of them (all, for the policy rules: few, and read whole). A plan of 100,000 unchanged group rules
 * then parses two attributes of each, not each object twice.
 */
const CONTEXT_TYPES = [
    { type: 'okta_group_role', attributes: ['group_id', 'role_type'] },
    { type: 'okta_network_zone', attributes: ['id', 'name', 'usage', 'gateways'] },
    { type: 'okta_group_rule', attributes: ['name', 'group_assignments'] },
    ...ORDERED_RULE_TYPES.map((type) => ({ type })),
];
const CONTEXT_TYPE_SET = new TypeSet(CONTEXT_TYPES.map((c) => c.type));
/** The findings of a plan's changes, collected as they are read; most severe first at the end. */
class FindingsCollector {
    scrubber;
    policy;
    found = [];
    /**
     * The same changes judged by the built-in rules alone, when the repository's policy tunes them: block-on judges
     * these, since a pull request can edit the policy file in the checkout (turn a rule off, allow a host).
     */
    builtIn;
    adminGroups = new AdminGroups();
    ruleOrder = new RuleOrder();
    zoneUse = new ZoneUse();
    hazards = new ProviderHazards();
    constructor(scrubber, policy) {
        this.scrubber = scrubber;
        this.policy = policy;
        this.builtIn = policy === BUILT_IN_POLICY ? null : [];
    }
    /**
     * An object the plan leaves as it is, of a type in CONTEXT_TYPES: an okta_group_role's group holds an admin role,
     * which the changes that add members are judged by; a policy rule holds its place, which rules that move are judged
     * by; a network zone covers what it covers, which rules that use it are judged by; a group rule fills groups that
     * okta_group_memberships fights over (provider hazards). `address` is decoded only when a finding may name it.
     * Returns the Okta IDs whose names the findings need.
     */
    unchanged(type, values, address) {
        if (type === 'okta_group_role')
            this.adminGroups.role(values);
        if (type === 'okta_network_zone')
            this.zoneUse.zone(values);
        if (HAZARDOUS.has(type))
            this.hazards.object(type, address, values, false);
        return ORDERED_TYPES.has(type) ? this.ruleOrder.rule(type, address(), values, false) : [];
    }
    /** A no-op entry of the plan: read (see unchanged) only when of a CONTEXT_TYPES type, one length check for most. */
    unchangedEntry(event) {
        const type = event.typeIn(CONTEXT_TYPE_SET);
        const context = type === null ? undefined : CONTEXT_TYPES.find((c) => c.type === type);
        if (!context)
            return [];
        // A few top-level members read as they are: nothing walks into them, so their depth is not checked.
        const values = readValues(() => event.address, () => event.unchangedValues(context.attributes), !context.attributes);
        return this.unchanged(context.type, values, () => event.address);
    }
    /**
     * One change: only types with rules, or with a risk of their own, are looked at. Returns the Okta IDs whose names
     * the findings need.
     */
    add(change, info, typeRisk) {
        this.adminGroups.change(info.type, change.address, change.values);
        if (info.type === 'okta_network_zone')
            this.zoneUse.zone(change.values);
        this.zoneUse.rule(info.type, change.address, change.values);
        if (HAZARDOUS.has(info.type))
            this.hazards.object(info.type, () => change.address, change.values, true);
        const ids = ORDERED_TYPES.has(info.type)
            ? this.ruleOrder.rule(info.type, change.address, change.values, true)
            : [];
        if (!typeRisk.highRisk && !rulesByType.has(info.type))
            return ids;
        this.found.push(...findingsOf(change, info, typeRisk, this.scrubber, this.policy));
        this.builtIn?.push(...findingsOf(change, info, typeRisk, this.scrubber, BUILT_IN_POLICY));
        return ids;
    }
    /**
     * Most severe first, with the Okta IDs in their evidence named as the review's diffs name them: the policy's, and
     * the built-in rules' (null when there is no policy to differ from).
     */
    finish(byId) {
        const done = (list, policy) => {
            list.push(...this.adminGroups.findings(policy), ...this.ruleOrder.findings(policy, byId), ...this.zoneUse.findings(policy), ...this.hazards.findings(policy));
            for (const finding of list)
                nameOktaIds([...finding.evidence], byId);
            return bySeverity(list);
        };
        return {
            findings: done(this.found, this.policy),
            builtIn: this.builtIn ? done(this.builtIn, BUILT_IN_POLICY) : null,
        };
    }
}

;// CONCATENATED MODULE: ./src/okta/provider-notes.ts
// The "explain" rows of reference/okta/known-noise.tsv: changes that are real in the plan but that okta/okta or Okta is
// known to make come back (priorities Okta renumbers, Everyone assigned when no group is given, lists whose order is
// all that changed). The change stays in the review, judged by the rules as any other; it gets a note with the reason
// and the provider issue, so a reviewer knows why it may show again. The "collapse" rows are noise.ts; the "warn"
// rows are findings (rule provider-hazard).


const differs = (before, after) => canonicalJson(before) !== canonicalJson(after);
/** A priority set to another number (not one left to Okta, or unknown until apply). */
const renumbered = (before, after) => typeof before === 'number' && typeof after === 'number' && before !== after;
const isEmpty = (value) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);
const NOTE_RULES = [
    {
        types: ['okta_policy_mfa_default', 'okta_policy_password_default'],
        attribute: 'priority',
        when: renumbered,
        reason: 'the default policy’s priority is read-only: providers before 6.11.0 send it and Okta refuses the update',
        evidence: '#2107 #2804; CHANGELOG 6.11.0 #2829',
    },
    {
        types: [
            'okta_policy_signon',
            'okta_policy_mfa',
            'okta_policy_password',
            'okta_policy_rule_*',
            'okta_app_signon_policy_rule',
            'okta_auth_server_policy',
            'okta_auth_server_policy_rule',
        ],
        attribute: 'priority',
        when: renumbered,
        reason: 'Okta renumbers priorities on conflicts and around rules made outside Terraform: a priority change can come back on every plan, or land elsewhere at apply',
        evidence: 'docs "To avoid endless diff situation"; #2140 #1247 #2953 #832 #424',
    },
    {
        types: ['okta_policy_*'],
        attribute: 'groups_included',
        when: (before, after) => !isEmpty(before) && isEmpty(after),
        reason: 'Okta assigns Everyone to a policy given no group, and Terraform takes it away again on the next plan: set groups_included',
        evidence: 'Okta guide terraform-design-rate-limits',
    },
    {
        types: ['okta_app_oauth'],
        attribute: 'groups_claim',
        when: differs,
        reason: 'groups_claim cannot be read with OAuth 2.0 API credentials: there it never converges',
        evidence: '#1906; CHANGELOG #1638',
    },
    {
        types: ['okta_app_oauth'],
        attribute: 'redirect_uris',
        when: (before, after) => differs(before, after) && sameInAnyOrder(before, after),
        reason: 'only the order of the redirect URIs changes: the provider keeps the list in order, Okta accepts the same URIs',
        evidence: 'CHANGELOG 3.30.0 / PR #1171',
    },
    {
        types: ['okta_group_rule'],
        attribute: 'users_excluded',
        when: differs,
        reason: 'the IDs of deleted users stay in users_excluded and make updates of the rule fail',
        evidence: '#1674',
    },
];
const NO_NOTES = Object.freeze([]);
/** The notes an update or replace gets (one per attribute: the first row that speaks). */
function providerNotes(type, action, values) {
    if (action !== 'update' && action !== 'replace')
        return NO_NOTES;
    const before = (values.before ?? {});
    const after = (values.after ?? {});
    const unknown = (values.afterUnknown ?? {});
    const notes = [];
    const spoken = new Set();
    for (const rule of NOTE_RULES) {
        if (spoken.has(rule.attribute) || !rule.types.some((p) => matchesType(p, type)))
            continue;
        // Known only after apply: nothing to say of it yet.
        if (unknown[rule.attribute] === true || (!(rule.attribute in before) && !(rule.attribute in after)))
            continue;
        if (!rule.when(before[rule.attribute], after[rule.attribute]))
            continue;
        spoken.add(rule.attribute);
        notes.push({ reason: rule.reason, evidence: rule.evidence });
    }
    return notes.length ? notes : NO_NOTES;
}

;// CONCATENATED MODULE: ./src/okta/api-calls.ts
// What okta/okta v6.12.0 spends of Okta's API rate limits per object: the calls a refresh makes (its Read function)
// and the calls a create, update or delete makes (the write, then the Read the provider runs after it), per Okta
// rate-limit bucket. Sources: the provider's idaas/resource_okta_*.go Read functions at v6.12.0 (okta_app_saml reads
// the app, its SAML metadata and its keys; okta_app_oauth the app; okta_app_group_assignments and
// okta_group_memberships list 200 per page), Okta's rate-limit pages for which path counts in which bucket
// (rl-global-mgmt: /api/v1/apps and its sub-paths but /apps/{id}; /groups likewise; users split by method), and
// ../shared/okta/rate-limits.md. Types not listed are modelled as one GET of "most other /api/v1" per refresh: a
// model, reported as such, for the 130 types of rarely more than a few objects each.
const api_calls_BUCKETS = [
    '/api/v1/apps',
    '/api/v1/apps/{id}',
    '/api/v1/groups',
    '/api/v1/groups/{id}',
    '/api/v1/users',
    'GET /api/v1/users/{id}',
    'POST/PUT/DELETE /api/v1/users/{id}',
    'other /api/v1',
];
const APP = '/api/v1/apps/{id}';
const APPS = '/api/v1/apps';
const api_calls_OTHER = 'other /api/v1';
/** An app: read by id; created under /apps; deleted after a deactivation (a sub-path of /apps). */
const app = (reads) => ({
    refresh: reads,
    create: { [APPS]: 1 },
    update: { [APP]: 1 },
    delete: { [APPS]: 1, [APP]: 1 },
    source: 'provider',
});
/** An object read and written under one bucket (app assignments, group rules, memberships). */
const under = (bucket) => ({
    refresh: { [bucket]: 1 },
    create: { [bucket]: 1 },
    update: { [bucket]: 1 },
    delete: { [bucket]: 1 },
    source: 'provider',
});
/** A set of members (groups of an app, users of a group): read as one list, written one member at a time. */
const perElement = (bucket) => ({
    refresh: { [bucket]: 1 },
    create: {},
    update: {},
    delete: {},
    source: 'provider',
});
/** The members whose writes are a call each, by type: the list attribute, and the key of an element (a block's id). */
const MEMBER_LISTS = new Map([
    ['okta_app_group_assignments', { attribute: 'group', key: 'id', bucket: APPS }],
    ['okta_group_memberships', { attribute: 'users', bucket: '/api/v1/groups' }],
    ['okta_user_group_memberships', { attribute: 'groups', bucket: '/api/v1/users' }],
]);
const APP_TYPES = [
    'okta_app_auto_login',
    'okta_app_basic_auth',
    'okta_app_bookmark',
    'okta_app_secure_password_store',
    'okta_app_shared_credentials',
    'okta_app_swa',
    'okta_app_three_field',
];
const TYPE_CALLS = new Map([
    ...APP_TYPES.map((type) => [type, app({ [APP]: 1 })]),
    // GET /apps/{id}; with an API token (SSWS) also GET /api/v1/internal/apps/{id}/settings/oauth/idToken for
    // groups_claim, which OAuth 2.0 API credentials skip.
    ['okta_app_oauth', app({ [APP]: 1, [api_calls_OTHER]: 1 })],
    // GET /apps/{id}, GET /apps/{id}/sso/saml/metadata, GET /apps/{id}/credentials/keys.
    ['okta_app_saml', app({ [APP]: 1, [APPS]: 2 })],
    // GET /apps/{id} and GET /apps/{id}/users/{uid}.
    ['okta_app_user', { ...under(APPS), refresh: { [APP]: 1, [APPS]: 1 } }],
    ['okta_app_group_assignment', under(APPS)],
    // GET /apps/{id}/groups?limit=200, one page per 200 groups; a write is one PUT or DELETE per group changed.
    ['okta_app_group_assignments', perElement(APPS)],
    ['okta_app_oauth_api_scope', under(APPS)],
    ['okta_app_oauth_redirect_uri', under(APP)],
    [
        'okta_group',
        {
            refresh: { '/api/v1/groups/{id}': 1 },
            create: { '/api/v1/groups': 1 },
            update: { '/api/v1/groups/{id}': 1 },
            delete: { '/api/v1/groups/{id}': 1 },
            source: 'provider',
        },
    ],
    // POST /groups/rules, then POST /groups/rules/{id}/lifecycle/activate for an ACTIVE rule.
    ['okta_group_rule', { ...under('/api/v1/groups'), create: { '/api/v1/groups': 2 } }],
    // GET /groups/{id}/users?limit=200, one page per 200 members.
    ['okta_group_memberships', perElement('/api/v1/groups')],
    ['okta_group_role', under('/api/v1/groups')],
    ['okta_group_owner', under('/api/v1/groups')],
    [
        'okta_user',
        {
            refresh: { 'GET /api/v1/users/{id}': 1 },
            create: { '/api/v1/users': 1 },
            update: { 'POST/PUT/DELETE /api/v1/users/{id}': 1 },
            // Okta deletes a user in two DELETEs: the first deactivates.
            delete: { 'POST/PUT/DELETE /api/v1/users/{id}': 2 },
            source: 'provider',
        },
    ],
    // GET /users/{id}/groups, paginated.
    ['okta_user_group_memberships', perElement('/api/v1/users')],
]);
/** Policies, rules, zones, authenticators, IdPs, schemas...: one call each in most other /api/v1. */
const MODEL = {
    refresh: { [api_calls_OTHER]: 1 },
    create: { [api_calls_OTHER]: 1 },
    update: { [api_calls_OTHER]: 1 },
    delete: { [api_calls_OTHER]: 1 },
    source: 'model',
};
function typeCalls(type) {
    return TYPE_CALLS.get(type) ?? MODEL;
}
/** Okta's org-wide limits per minute, by plan (Okta's rl-global-mgmt page, as rate-limits.md copies it). */
const api_calls_TIERS = {
    'developer-free': [20, 100, 100, 100, 100, 100, 100, 100],
    'developer-paid': [25, 300, 300, 300, 300, 300, 300, 300],
    'one-app': [25, 300, 300, 300, 300, 300, 300, 300],
    enterprise: [100, 600, 600, 600, 600, 1000, 600, 600],
    'workforce-identity': [100, 500, 500, 1000, 600, 2000, 600, 1200],
};
/** A tier's limit per bucket. */
function api_calls_tierLimits(tier) {
    return Object.fromEntries(api_calls_BUCKETS.map((b, i) => [b, api_calls_TIERS[tier][i]]));
}
/**
 * The bucket Okta counts a request in (rl-global-mgmt): /apps, /groups and /users list, create and sub-paths in one
 * bucket each, a single app or group in another, a single user by method; everything else in most other /api/v1.
 */
function oktaBucket(method, path) {
    const [, collection, id, sub] = /^\/api\/v1\/(apps|groups|users)(?:\/([^/?]+))?(\/[^?]*)?/.exec(path) ?? [];
    const single = id !== undefined && id !== 'rules' && !sub;
    if (collection === 'apps')
        return single ? APP : APPS;
    if (collection === 'groups')
        return single ? '/api/v1/groups/{id}' : '/api/v1/groups';
    if (collection === 'users') {
        if (!single)
            return '/api/v1/users';
        return method === 'GET' ? 'GET /api/v1/users/{id}' : 'POST/PUT/DELETE /api/v1/users/{id}';
    }
    return api_calls_OTHER;
}

;// CONCATENATED MODULE: ./src/plan/api-forecast.ts
// The Okta API budget of a run, forecast from the plan: per rate-limit bucket, the calls a refresh of every object in
// state makes and the calls the planned changes make (src/okta/api-calls.ts), and how long that takes at the share
// of the org's limit this run may use. A bucket past its limit makes the provider wait (429s, or its own
// max_api_capacity throttle): the forecast says where, before the run spends the time.


/** Okta's default share of a bucket for one API token or OAuth service app. */
const DEFAULT_SHARE_PERCENT = 50;
const ASSUMED_LIMITS = {
    perMinute: api_calls_tierLimits('enterprise'),
    sharePercent: DEFAULT_SHARE_PERCENT,
    source: 'enterprise (assumed: set okta-rate-limits)',
    assumed: true,
};
const emptyTally = () => Object.fromEntries(api_calls_BUCKETS.map((b) => [b, 0]));
function add(tally, calls, times = 1) {
    for (const bucket of api_calls_BUCKETS)
        tally[bucket] += (calls[bucket] ?? 0) * times;
}
const ACTIONS = ['create', 'update', 'delete', 'replace', 'forget', 'no-op'];
/** Counts the objects of a plan per type and action, as they are read; forecasts once the plan is read. */
class ApiCallCounter {
    /** Type → action → objects. */
    counts = new Map();
    /** The types seen: an entry's type is found among them without decoding it (most plans hold a few dozen). */
    seen = new TypeSet([]);
    dataReads = 0;
    /** Member writes (MEMBER_LISTS) per bucket. */
    members = emptyTally();
    /** A managed entry of resource_changes (every object in state or configuration has one). */
    managed(event, action) {
        let type = event.typeIn(this.seen);
        if (type === null) {
            type = event.type;
            this.seen.add(type);
            this.counts.set(type, Object.fromEntries(ACTIONS.map((a) => [a, 0])));
        }
        this.counts.get(type)[action]++;
    }
    /**
     * A change of a type whose members are written one call each (MEMBER_LISTS): the members it adds and removes,
     * from the plan's values. A whole list known only after apply counts as none.
     */
    memberWrites(type, values) {
        const list = MEMBER_LISTS.get(type);
        if (!list)
            return;
        /** Each member's key; null for one known only after apply (a group this plan creates). */
        const keys = (object) => {
            const value = object?.[list.attribute];
            return (Array.isArray(value) ? value : []).map((item) => {
                const key = list.key ? item?.[list.key] : item;
                return typeof key === 'string' ? key : null;
            });
        };
        const was = new Set(keys(values.before));
        const now = keys(values.after);
        const kept = new Set(now);
        // Added (an unknown one is always new), then removed.
        let changed = now.filter((k) => k === null || !was.has(k)).length;
        for (const k of was)
            if (k !== null && !kept.has(k))
                changed++;
        this.members[list.bucket] += changed;
    }
    /** A data source read during apply (its values unknown at plan time). */
    dataRead() {
        this.dataReads++;
    }
    forecast(limits) {
        const refresh = emptyTally();
        const apply = emptyTally();
        let modelled = 0;
        for (const [type, byAction] of this.counts) {
            const calls = typeCalls(type);
            for (const action of ACTIONS) {
                const n = byAction[action];
                if (calls.source === 'model')
                    modelled += n;
                // Objects in state are read by the refresh; the provider reads each one it writes again.
                if (action !== 'create')
                    add(refresh, calls.refresh, n);
                if (action === 'create' || action === 'replace')
                    add(apply, calls.create, n);
                if (action === 'update')
                    add(apply, calls.update, n);
                if (action === 'delete' || action === 'replace')
                    add(apply, calls.delete, n);
                if (action === 'create' || action === 'update' || action === 'replace')
                    add(apply, calls.refresh, n);
            }
        }
        apply['other /api/v1'] += this.dataReads;
        add(apply, this.members);
        // ConfigureProvider checks an API token with GET /api/v1/users/me, once per terraform command: the plan's, and
        // the apply's when there is anything to apply.
        if (this.counts.size > 0)
            refresh['GET /api/v1/users/{id}'] += 1;
        if (api_calls_BUCKETS.some((b) => apply[b] > 0))
            apply['GET /api/v1/users/{id}'] += 1;
        const buckets = api_calls_BUCKETS.filter((b) => refresh[b] + apply[b] > 0)
            .map((bucket) => {
            const limitPerMinute = Math.max(1, Math.floor((limits.perMinute[bucket] * limits.sharePercent) / 100));
            const calls = refresh[bucket] + apply[bucket];
            return {
                bucket,
                refresh: refresh[bucket],
                apply: apply[bucket],
                limitPerMinute,
                minutes: calls > limitPerMinute ? Math.round((calls / limitPerMinute) * 10) / 10 : 0,
            };
        })
            .sort((a, b) => b.minutes - a.minutes || b.refresh + b.apply - (a.refresh + a.apply));
        const sum = (tally) => api_calls_BUCKETS.reduce((n, b) => n + tally[b], 0);
        return {
            buckets,
            refresh: sum(refresh),
            apply: sum(apply),
            minutes: buckets[0]?.minutes ?? 0,
            limits: limits.source,
            modelled,
        };
    }
}
/**
 * The input okta-rate-limits: a plan tier (developer-free, developer-paid, one-app, enterprise, workforce-identity),
 * then `bucket = calls per minute` lines for buckets an admin changed, and `share = percent` when the service app's
 * share is not Okta's default 50. `maxApiCapacity` (okta-max-api-capacity) caps the share: the provider waits past
 * it. Throws the problem, for the settings reader.
 */
function parseRateLimits(text, maxApiCapacity = 100) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const tierName = lines[0] && !lines[0].includes('=') ? lines.shift() : undefined;
    if (tierName !== undefined && !(tierName in TIERS))
        throw new Error(`"${tierName}" is not an Okta plan (one of ${Object.keys(TIERS).join(', ')})`);
    const perMinute = tierLimits(tierName ?? 'enterprise');
    let share = DEFAULT_SHARE_PERCENT;
    for (const line of lines) {
        const shareLine = /^share\s*=\s*(\d+)\s*%?$/.exec(line);
        if (shareLine) {
            share = Number(shareLine[1]);
            if (share < 1 || share > 100)
                throw new Error(`share must be a percent from 1 to 100, not ${share}`);
            continue;
        }
        const match = /^(.+?)\s*=\s*(\d+)$/.exec(line);
        const bucket = match?.[1];
        if (!match || !bucket || !BUCKETS.includes(bucket))
            throw new Error(`"${line}" is not "bucket = calls per minute" or "share = percent" (buckets: ${BUCKETS.join(', ')})`);
        perMinute[bucket] = Number(match[2]);
    }
    const source = [tierName ?? (lines.length ? 'enterprise' : ''), lines.length ? 'okta-rate-limits' : '']
        .filter(Boolean)
        .join(' + ');
    return {
        perMinute,
        sharePercent: Math.min(share, maxApiCapacity),
        source: source || ASSUMED_LIMITS.source,
        ...(source ? {} : { assumed: true }),
    };
}

;// CONCATENATED MODULE: ./src/plan/counts.ts
// Counting, exactly as Terraform's own "Plan:" line counts (DESIGN.md, Summary JSON): a replace is one add and one
// destroy, only ["update"] is a change, imports are counted apart, data sources never.
function emptyTerraformCounts() {
    return { add: 0, change: 0, destroy: 0, import: 0, forget: 0 };
}
function emptyObjectCounts() {
    return { create: 0, update: 0, delete: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0 };
}
/** What happens to one managed object, in one word. */
function objectAction(actions) {
    const has = (a) => actions.includes(a);
    if (has('create') && has('delete'))
        return 'replace';
    if (has('create'))
        return 'create';
    if (has('delete'))
        return 'delete';
    if (has('update'))
        return 'update';
    if (has('forget'))
        return 'forget';
    return 'no-op';
}
function replaceOrder(actions) {
    const create = actions.indexOf('create');
    const del = actions.indexOf('delete');
    if (create < 0 || del < 0)
        return null;
    return del < create ? 'delete-first' : 'create-first';
}
function isMove(address, previousAddress) {
    return previousAddress !== null && previousAddress !== '' && previousAddress !== address;
}
/** Adds one managed object's change to Terraform's counts (the "Plan:" line). */
function countTerraform(change, terraform) {
    const { actions } = change;
    if (actions.includes('create'))
        terraform.add++;
    if (actions.includes('delete'))
        terraform.destroy++;
    if (actions.length === 1 && actions[0] === 'update')
        terraform.change++;
    if (actions.includes('forget'))
        terraform.forget++;
    if (change.importing)
        terraform.import++;
}
/** Adds one managed object's change to the object counts: once by what happens to it, plus import and move. */
function countObjects(change, objects) {
    const action = objectAction(change.actions);
    if (action !== 'no-op')
        objects[action]++;
    // create_then_forget (a replace of an object Terraform stops managing) creates one object and forgets another.
    if (action === 'create' && change.actions.includes('forget'))
        objects.forget++;
    if (change.importing)
        objects.import++;
    if (change.moved)
        objects.move++;
}
/** True when applying the change would do anything: an import or a move alone is a change. */
function isChange(change) {
    return objectAction(change.actions) !== 'no-op' || change.importing || change.moved;
}
/** Terraform's own "Plan:" line for these counts. */
function planLine(counts) {
    const importing = counts.import ? `${counts.import} to import, ` : '';
    const forgetting = counts.forget ? `, ${counts.forget} to forget` : '';
    return `Plan: ${importing}${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy${forgetting}.`;
}

;// CONCATENATED MODULE: ./src/plan/categories.ts
// Counts per Okta category, in the order an admin walks the Admin Console.


function categoryCounts(changes) {
    const byCategory = new Map();
    for (const change of changes) {
        let counts = byCategory.get(change.category);
        if (!counts) {
            counts = {
                category: change.category,
                create: 0,
                update: 0,
                delete: 0,
                replace: 0,
                import: 0,
                move: 0,
                forget: 0,
            };
            byCategory.set(change.category, counts);
        }
        countObjects({ actions: change.actions, importing: change.importing, moved: change.previousAddress !== null }, counts);
    }
    return [...byCategory.values()].sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
}

;// CONCATENATED MODULE: ./src/plan/org-host.ts
// Which Okta org a plan is for: the okta provider block's literal org_name and base_url (the provider prefers them),
// else OKTA_ORG_NAME and OKTA_BASE_URL from the environment, as the provider falls back to them.
function constant(expressions, key) {
    if (!expressions || typeof expressions !== 'object')
        return null;
    const expression = expressions[key];
    if (!expression || typeof expression !== 'object')
        return null;
    const value = expression.constant_value;
    return typeof value === 'string' && value.trim() ? value.trim() : null;
}
function host(orgName, baseUrl) {
    return baseUrl ? `${orgName}.${baseUrl}` : orgName;
}
/** The org host from the default (unaliased) okta provider block, when it is written as literals. */
function orgFromProviderConfig(config) {
    for (const [key, entry] of Object.entries(config)) {
        if (!entry || typeof entry !== 'object')
            continue;
        const provider = entry;
        const fullName = typeof provider.full_name === 'string' ? provider.full_name : '';
        const isOkta = key === 'okta' || fullName.endsWith('/okta/okta');
        if (!isOkta || provider.alias || provider.module_address)
            continue;
        const orgName = constant(provider.expressions, 'org_name');
        if (orgName)
            return host(orgName, constant(provider.expressions, 'base_url'));
    }
    return null;
}
function orgFromEnvironment(env = {}) {
    const orgName = env.OKTA_ORG_NAME?.trim();
    if (!orgName)
        return { host: null, source: null };
    return { host: host(orgName, env.OKTA_BASE_URL?.trim() || null), source: 'environment' };
}

;// CONCATENATED MODULE: ./src/plan/json-walk.ts
// A streaming JSON walker driven by rules: it descends only into the containers a rule names, hands each captured
// value to its handler as one contiguous byte range, and skips everything else without keeping it. Memory is
// bounded by the largest captured value, never by the document.

const SKIP = { kind: 'skip' };
function capture(onValue) {
    return { kind: 'capture', onValue };
}
/** Objects indexed by `index`, then handed to `onObject`, which reads them through the index. */
function indexed(index, onObject) {
    return { kind: 'indexed', index, onObject };
}
/** An object whose named members follow their rules; the others are skipped. */
function objectOf(members) {
    return { kind: 'object', member: (key) => (Object.hasOwn(members, key) ? members[key] : SKIP) };
}
function arrayOf(element) {
    return { kind: 'array', element };
}
class JsonWalker {
    root;
    stack = [];
    carry = null;
    current = null;
    rootSeen = false;
    done = false;
    offset = 0;
    constructor(root) {
        this.root = root;
    }
    /** Feeds the next chunk of the document. */
    write(chunk) {
        const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
        this.carry = null;
        this.walk(buf);
        this.offset += buf.length - this.carriedBytes();
    }
    carriedBytes() {
        return this.carry?.length ?? 0;
    }
    /** Ends the document; throws when it stopped before the root object closed. */
    end() {
        if (!this.rootSeen)
            throw new JsonSyntaxError('the input is empty');
        if (!this.done || this.current || this.carry)
            throw new JsonSyntaxError('the JSON ends before the document is complete (truncated?)');
    }
    walk(buf) {
        const end = buf.length;
        let pos = 0;
        while (pos < end) {
            if (this.current) {
                const start = pos;
                const after = this.current.skipper.scan(buf, pos, end);
                if (after < 0) {
                    if (this.current.onValue)
                        this.current.parts.push(Buffer.from(buf.subarray(start, end)));
                    return;
                }
                this.finishValue(buf, start, after);
                pos = after;
                continue;
            }
            pos = skipWhitespace(buf, pos, end);
            if (pos >= end)
                return;
            const c = buf[pos];
            if (this.done)
                throw new JsonSyntaxError(`unexpected data after the end of the JSON document (at byte ${this.offset + pos})`);
            if (!this.rootSeen) {
                if (c !== Byte.OPEN_BRACE)
                    throw new JsonSyntaxError(describeRootStart(c));
                this.rootSeen = true;
                this.stack.push({ rule: this.root, expect: 'key-or-end', memberRule: SKIP });
                pos++;
                continue;
            }
            const frame = this.stack[this.stack.length - 1];
            switch (frame.expect) {
                case 'key-or-end':
                case 'key': {
                    if (c === Byte.CLOSE_BRACE && frame.expect === 'key-or-end') {
                        pos = this.closeContainer(pos);
                        break;
                    }
                    if (c !== Byte.QUOTE)
                        throw this.unexpected(c, pos, 'a key');
                    const keyEnd = stringEnd(buf, pos, end);
                    if (keyEnd < 0) {
                        this.carry = Buffer.from(buf.subarray(pos));
                        return;
                    }
                    const key = decodeString(buf, pos, keyEnd);
                    frame.memberRule = frame.rule.kind === 'object' ? frame.rule.member(key) : SKIP;
                    frame.expect = 'colon';
                    pos = keyEnd;
                    break;
                }
                case 'colon':
                    if (c !== Byte.COLON)
                        throw this.unexpected(c, pos, "':'");
                    frame.expect = 'value';
                    pos++;
                    break;
                case 'value':
                case 'value-or-end':
                    if (c === Byte.CLOSE_BRACKET && frame.expect === 'value-or-end') {
                        pos = this.closeContainer(pos);
                        break;
                    }
                    frame.expect = 'comma-or-end';
                    pos = this.startValue(buf, frame.rule.kind === 'array' ? frame.rule.element : frame.memberRule, c, pos);
                    break;
                case 'comma-or-end': {
                    const close = frame.rule.kind === 'object' ? Byte.CLOSE_BRACE : Byte.CLOSE_BRACKET;
                    if (c === close) {
                        pos = this.closeContainer(pos);
                    }
                    else if (c === Byte.COMMA) {
                        frame.expect = frame.rule.kind === 'object' ? 'key' : 'value';
                        pos++;
                    }
                    else {
                        throw this.unexpected(c, pos, `',' or '${String.fromCharCode(close)}'`);
                    }
                    break;
                }
            }
        }
    }
    startValue(buf, rule, c, pos) {
        if (rule.kind === 'object' && c === Byte.OPEN_BRACE) {
            this.stack.push({ rule, expect: 'key-or-end', memberRule: SKIP });
            return pos + 1;
        }
        if (rule.kind === 'array' && c === Byte.OPEN_BRACKET) {
            this.stack.push({ rule, expect: 'value-or-end', memberRule: SKIP });
            return pos + 1;
        }
        if (rule.kind === 'indexed') {
            if (c !== Byte.OPEN_BRACE)
                return this.startSkip(null, pos);
            // Most objects lie inside the chunk: index them in place. One that crosses into the next chunk is collected
            // whole first, then indexed.
            const after = rule.index.index(buf, pos, buf.length);
            if (after >= 0) {
                rule.onObject(buf);
                return after;
            }
            return this.startSkip((whole, start, end) => {
                rule.index.index(whole, start, end);
                rule.onObject(whole);
            }, pos);
        }
        return this.startSkip(rule.kind === 'capture' ? rule.onValue : null, pos);
    }
    startSkip(onValue, pos) {
        this.current = { skipper: new ValueSkipper(), onValue, parts: [] };
        return pos;
    }
    finishValue(buf, start, after) {
        const value = this.current;
        this.current = null;
        if (!value.onValue)
            return;
        if (value.parts.length === 0) {
            value.onValue(buf, start, after);
            return;
        }
        value.parts.push(buf.subarray(start, after));
        const whole = Buffer.concat(value.parts);
        value.onValue(whole, 0, whole.length);
    }
    closeContainer(pos) {
        this.stack.pop();
        if (this.stack.length === 0)
            this.done = true;
        return pos + 1;
    }
    unexpected(c, pos, expected) {
        const found = isWhitespace(c) ? 'whitespace' : `'${String.fromCharCode(c)}'`;
        return new JsonSyntaxError(`expected ${expected} but found ${found} at byte ${this.offset + pos}`);
    }
}
function describeRootStart(c) {
    if (c === Byte.OPEN_BRACKET)
        return 'the input is a JSON array, not a JSON object';
    return `the input is not a JSON object (it starts with '${String.fromCharCode(c)}')`;
}

;// CONCATENATED MODULE: ./src/plan/document-reader.ts
// Reads a `terraform show -json PLANFILE` document (format_version 0.1 to 1.x, Terraform 0.12 to 1.15, OpenTofu,
// and HCP Terraform's redacted JSON plan) as a stream of chunks, and reports the parts a summary needs to a visitor.
// planned_values, variables and every unchanged object's values are skipped without being parsed.





function stateModuleRule(visitor) {
    const fields = new PriorIndex(visitor.priorAttributes, (type) => visitor.priorAttributesFor(type), (id) => visitor.wantsPrior(id));
    const resources = arrayOf(indexed(fields.index, (buf) => visitor.priorResource(new IndexedPriorResource(buf, fields))));
    const module = {
        kind: 'object',
        member: (key) => (key === 'resources' ? resources : key === 'child_modules' ? arrayOf(module) : SKIP),
    };
    return module;
}
function configModuleRule(visitor, modulePath) {
    return objectOf({
        resources: arrayOf(capture((buf, s, e) => {
            const resource = parseRange(buf, s, e);
            const address = str(resource.address) ?? '';
            visitor.configResource({
                address: modulePath ? `${modulePath}.${address}` : address,
                modulePath,
                type: str(resource.type) ?? '',
                expressions: (resource.expressions ?? {}),
            });
        })),
        module_calls: {
            kind: 'object',
            member: (call) => objectOf({
                module: configModuleRule(visitor, `${modulePath ? `${modulePath}.` : ''}module.${call}`),
            }),
        },
    });
}
function checkFormatVersion(version, key) {
    const text = typeof version === 'string' ? version : String(version);
    const major = /^(\d+)\./.exec(text)?.[1];
    if (major !== '0' && major !== '1') {
        throw new ActionError('invalid-input', `the plan's ${key} is ${JSON.stringify(version)}, and this action reads format 0.x and 1.x: upgrade the action, or produce the plan with a Terraform version it supports`);
    }
    return text;
}
function document_reader_elements(onElements) {
    return capture((buf, s, e) => {
        const value = parseRange(buf, s, e);
        onElements(Array.isArray(value) ? value : []);
    });
}
function rootRule(visitor, facts) {
    const changes = new ChangeIndex();
    const output = new ObjectIndex([
        'actions',
        'before',
        'after',
        'after_unknown',
        'before_sensitive',
        'after_sensitive',
    ]);
    const topLevel = {
        format_version: capture((buf, s, e) => {
            facts.formatVersion = checkFormatVersion(parseRange(buf, s, e), 'format_version');
        }),
        plan_format_version: capture((buf, s, e) => {
            facts.formatVersion = checkFormatVersion(parseRange(buf, s, e), 'plan_format_version');
        }),
        terraform_version: capture((buf, s, e) => {
            facts.terraformVersion = str(parseRange(buf, s, e));
        }),
        errored: capture((buf, s, e) => {
            facts.errored = parseRange(buf, s, e) === true;
        }),
        resource_changes: arrayOf(indexed(changes.index, (buf) => visitor.change(new IndexedChange(buf, changes)))),
        resource_drift: arrayOf(indexed(changes.index, (buf) => visitor.drift(new IndexedChange(buf, changes)))),
        output_changes: {
            kind: 'object',
            member: (name) => indexed(output, (buf) => visitor.outputChange(name, stringList(output.parse(buf, output.slot('actions'))), () => ({
                before: output.parse(buf, output.slot('before')),
                after: output.parse(buf, output.slot('after')),
                afterUnknown: output.parse(buf, output.slot('after_unknown')),
                beforeSensitive: output.parse(buf, output.slot('before_sensitive')),
                afterSensitive: output.parse(buf, output.slot('after_sensitive')),
            }))),
        },
        prior_state: objectOf({ values: objectOf({ root_module: stateModuleRule(visitor) }) }),
        configuration: objectOf({
            provider_config: capture((buf, s, e) => {
                const config = parseRange(buf, s, e);
                if (config && typeof config === 'object')
                    visitor.providerConfig(config);
            }),
            root_module: configModuleRule(visitor, ''),
        }),
        action_invocations: document_reader_elements((items) => {
            facts.actionInvocations = items.length;
            items.forEach((item, i) => {
                if (item && typeof item === 'object')
                    visitor.actionInvocation(i, item);
            });
        }),
        deferred_changes: document_reader_elements((items) => (facts.deferredChanges = items.length)),
    };
    return {
        kind: 'object',
        member: (key) => {
            facts.keys.add(key);
            return Object.hasOwn(topLevel, key) ? topLevel[key] : SKIP;
        },
    };
}
function checkDocumentKind(facts) {
    const has = (key) => facts.keys.has(key);
    if (has('@level') || has('@message')) {
        throw new ActionError('invalid-input', 'the input is a `terraform plan -json` log stream, not a plan: pass the output of `terraform show -json PLANFILE`');
    }
    const planKeys = [
        'plan_format_version',
        'planned_values',
        'resource_changes',
        'resource_drift',
        'output_changes',
    ];
    if (planKeys.some(has))
        return;
    if (has('values') || has('format_version')) {
        throw new ActionError('invalid-input', 'the input is a Terraform state, not a plan: pass the output of `terraform show -json PLANFILE` (a plan saved with `terraform plan -out PLANFILE`)');
    }
    throw new ActionError('invalid-input', 'the input is JSON but not a Terraform plan (it has no format_version): pass the output of `terraform show -json PLANFILE`');
}
/** Reads a plan document from its chunks (UTF-8, without BOM: see plan-file.ts), reporting its parts to `visitor`. */
async function readPlanDocument(chunks, visitor) {
    const facts = {
        formatVersion: null,
        terraformVersion: null,
        errored: false,
        actionInvocations: 0,
        deferredChanges: 0,
        keys: new Set(),
    };
    const walker = new JsonWalker(rootRule(visitor, facts));
    try {
        for await (const chunk of chunks)
            walker.write(chunk);
        walker.end();
    }
    catch (e) {
        if (facts.keys.has('@level'))
            checkDocumentKind(facts);
        if (e instanceof JsonSyntaxError || e instanceof SyntaxError) {
            throw new ActionError('invalid-input', `the plan is not valid JSON: ${e.message}`);
        }
        throw e;
    }
    checkDocumentKind(facts);
    const { formatVersion, terraformVersion, errored, actionInvocations, deferredChanges } = facts;
    return { formatVersion, terraformVersion, errored, actionInvocations, deferredChanges };
}

;// CONCATENATED MODULE: ./src/plan/summarize.ts
// The plan summary: counts, Okta categories, named objects, risk, and changes made outside Terraform, from one pass
// over the plan stream. Memory grows with the number of changed objects, not with the size of the plan.

















const NO_DIFF = { attributes: [], omitted: 0 };
const NOTHING = [];
class SummaryBuilder {
    fingerprint;
    scrubber;
    findings;
    terraform = emptyTerraformCounts();
    objects = emptyObjectCounts();
    /** Each summary's name is filled in once every change has been read (names refer to other objects). */
    changes = [];
    drifted = [];
    /** One object per ID (Okta IDs are unique in an org). */
    prior = new Map();
    config = new Map();
    priorAttributes = nameAttributes();
    priorAttributesByType = new Map();
    outputChanges = 0;
    api = new ApiCallCounter();
    constructor(fingerprint, scrubber, findings) {
        this.fingerprint = fingerprint;
        this.scrubber = scrubber;
        this.findings = findings;
    }
    orgHost = null;
    /** IDs that changed objects point at: once resource_changes has been read, prior state keeps only these. */
    wantedIds = new Set();
    changesSeen = false;
    placeholderCache = new Map();
    placeholders(info) {
        let found = this.placeholderCache.get(info.type);
        if (!found) {
            found = placeholdersOf(info.names);
            this.placeholderCache.set(info.type, found);
        }
        return found;
    }
    nameInputs(info, object, unknown, sensitive) {
        const placeholders = this.placeholders(info);
        const inputs = captureNameInputs(placeholders, object, unknown, sensitive);
        for (const p of placeholders) {
            if (p.kind === 'ref')
                for (const id of stringsOf(inputs.values.get(p.path)))
                    this.wantedIds.add(id);
        }
        return inputs;
    }
    wantNames(ids) {
        for (const id of ids)
            this.wantedIds.add(id);
    }
    /** What changes in the object's attributes (nothing shown for objects that go away). */
    diff(info, values, action) {
        if (action === 'delete' || action === 'forget' || action === 'no-op')
            return NO_DIFF;
        const diff = diffAttributes(values, {
            secretPaths: info.secretAttrs,
            replacePaths: replacePathTexts(values.replacePaths),
            scrubber: this.scrubber,
            creating: action === 'create',
        });
        for (const id of oktaIdsIn(diff.attributes))
            this.wantedIds.add(id);
        return diff;
    }
    /** What names the object: its values after the change (before, when it goes away), and before an update. */
    named(event, info, values, action, summary) {
        const removing = action === 'delete' || action === 'forget';
        const changing = action === 'update' || action === 'replace';
        return {
            address: event.address,
            type: info.type,
            info,
            ids: idsOf(values),
            after: removing
                ? this.nameInputs(info, values.before, undefined, values.beforeSensitive)
                : this.nameInputs(info, values.after, values.afterUnknown, values.afterSensitive),
            before: changing ? this.nameInputs(info, values.before, undefined, values.beforeSensitive) : null,
            summary,
        };
    }
    change(event) {
        this.changesSeen = true;
        if (event.mode === 'data') {
            if (event.actions.includes('read')) {
                this.objects.read++;
                this.api.dataRead();
            }
            return;
        }
        this.api.managed(event, objectAction(event.actions));
        // The address only when there is a previous one: most entries are no-ops that need no string decoded.
        const previous = event.previousAddress;
        const moved = previous !== null && isMove(event.address, previous);
        const managed = { actions: event.actions, importing: event.importing, moved };
        countTerraform(managed, this.terraform);
        countObjects(managed, this.objects);
        if (!isChange(managed)) {
            // Some unchanged objects are what changes are judged against (a group's admin role, a policy's rules).
            this.wantNames(this.findings.unchangedEntry(event));
            return;
        }
        const info = lookupType(event.type);
        const values = readValues(event.address, () => event.values());
        this.api.memberWrites(info.type, values);
        this.fingerprint.addChange(changeIdentity(event, moved), event.actions, values, event.importTarget);
        const action = objectAction(event.actions);
        const diff = this.diff(info, values, action);
        const cause = action === 'replace' ? replaceCause(event.actionReason, forcingAttributes(diff)) : null;
        const risk = assessRisk(info, action, cause);
        // Noise changes nothing in Okta: its reason is shown instead of findings.
        const noise = noiseOf(info.type, action, values, event.importing);
        this.wantNames(noise
            ? this.findings.unchanged(info.type, values, () => event.address)
            : this.findings.add({ address: event.address, action, values }, info, risk));
        // A literal of one shape, not a spread, and named later in place rather than copied: a spread object gets a
        // hidden class of its own in V8, about 600 bytes per change kept (100 MB for an import of 100,000 objects).
        const summary = {
            address: event.address,
            type: info.type,
            category: info.category,
            actions: keptActions(event.actions),
            noun: info.noun,
            attributes: diff.attributes,
            attributesOmitted: diff.omitted,
            noise,
            providerNotes: noise ? NO_NOTES : providerNotes(info.type, action, values),
            replaceOrder: replaceOrder(event.actions),
            importing: event.importing,
            previousAddress: moved ? event.previousAddress : null,
            highRisk: risk.highRisk && !noise,
            riskReasons: noise ? [] : risk.reasons,
            action,
            actionReason: event.actionReason,
            deposed: event.deposed,
            name: '',
        };
        this.changes.push(this.named(event, info, values, action, summary));
    }
    drift(event) {
        if (event.mode === 'data' || objectAction(event.actions) === 'no-op')
            return;
        const info = lookupType(event.type);
        const values = readValues(event.address, () => event.values());
        const action = objectAction(event.actions);
        const diff = this.diff(info, values, action);
        this.drifted.push(this.named(event, info, values, action, described(event, info, diff)));
    }
    priorAttributesFor(type) {
        // Once resource_changes is read, prior objects matter only when a change points at them.
        if (this.changesSeen && this.wantedIds.size === 0)
            return NOTHING;
        let attributes = this.priorAttributesByType.get(type);
        if (!attributes) {
            const roots = this.placeholders(lookupType(type))
                .filter((p) => p.kind === 'value')
                .map((p) => p.path.split('.')[0]);
            attributes = [...new Set(['id', ...roots])];
            this.priorAttributesByType.set(type, attributes);
        }
        return attributes;
    }
    wantsPrior(id) {
        return !this.changesSeen || this.wantedIds.has(id);
    }
    priorResource(event) {
        if (this.changesSeen && this.wantedIds.size === 0)
            return;
        const id = event.value('id');
        if (typeof id !== 'string' || !id || (this.changesSeen && !this.wantedIds.has(id)))
            return;
        // By type and ID: in okta/okta an app's group assignment and a group's memberships take the group's own ID.
        const key = `${event.type}\u0000${id}`;
        if (this.prior.has(key))
            return;
        const info = lookupType(event.type);
        const placeholders = this.placeholders(info);
        const values = Object.create(null);
        for (const p of placeholders) {
            const root = p.path.split('.')[0];
            if (p.kind === 'value' && !(root in values))
                values[root] = event.value(root);
        }
        this.prior.set(key, {
            id,
            info,
            address: event.address,
            after: captureNameInputs(placeholders, values, undefined, undefined),
        });
    }
    configResource(resource) {
        const inputs = configNameInputs(resource, this.placeholders(lookupType(resource.type)));
        if (inputs)
            this.config.set(resource.address, inputs);
    }
    providerConfig(config) {
        this.scrubber.addProviderLiterals(config);
        this.orgHost = orgFromProviderConfig(config) ?? this.orgHost;
    }
    outputChange(name, actions, values) {
        if (actions.some((a) => a !== 'no-op')) {
            this.outputChanges++;
            const planned = readValues(`output.${name}`, values);
            this.fingerprint.addOutput(name, actions, planned);
            // An output's sensitive value is a secret like any other: it must not turn up in the review.
            this.scrubber.addSensitive(planned.before, planned.beforeSensitive);
            this.scrubber.addSensitive(planned.after, planned.afterSensitive);
        }
    }
    actionInvocation(index, invocation) {
        this.fingerprint.addActionInvocation(index, invocation);
    }
}
/** Summarizes a `terraform show -json` plan given as UTF-8 chunks (see plan-file.ts). */
async function summarizePlan(chunks, options = {}) {
    const scrubber = options.scrubber ?? new SecretScrubber();
    const policy = options.policy ?? BUILT_IN_POLICY;
    const findings = new FindingsCollector(scrubber, policy);
    const builder = new SummaryBuilder(options.fingerprint ?? new FingerprintBuilder(), scrubber, findings);
    const document = await readPlanDocument(chunks, builder);
    const names = resolveNames(builder.changes, builder.drifted, [...builder.prior.values()], builder.config);
    const changes = builder.changes.map((c, i) => {
        c.summary.name = names.changes[i];
        return c.summary;
    });
    const drift = builder.drifted.map((d, i) => ({
        ...d.summary,
        name: names.drift[i],
    }));
    for (const item of [...changes, ...drift])
        nameOktaIds(item.attributes, names.byId);
    const judged = builder.findings.finish(names.byId);
    const summary = {
        formatVersion: 1,
        terraform: builder.terraform,
        objects: builder.objects,
        hasChanges: changes.length > 0 || builder.outputChanges > 0 || document.actionInvocations > 0,
        categories: categoryCounts(changes),
        changes,
        drift,
        outputChanges: builder.outputChanges,
        actionInvocations: document.actionInvocations,
        deferredChanges: document.deferredChanges,
        highRisk: changes.filter((c) => c.highRisk).length,
        findings: judged.findings,
        ...(judged.builtIn ? { builtInFindings: judged.builtIn } : {}),
        reviewPolicy: policySummary(policy),
        apiForecast: builder.api.forecast(options.rateLimits ?? ASSUMED_LIMITS),
        errored: document.errored,
        org: builder.orgHost
            ? { host: builder.orgHost, source: 'provider-block' }
            : orgFromEnvironment(options.env),
        plan: { formatVersion: document.formatVersion, terraformVersion: document.terraformVersion },
        planDigest: builder.fingerprint.planDigest(),
    };
    builder.scrubber.scrubInPlace(summary);
    return summary;
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/plan/summary-json.ts
// Writes the summary JSON a piece at a time: a plan with tens of thousands of changes must not need its whole
// summary as one string.




function indent(json, spaces) {
    return json.replace(/\n/g, `\n${spaces}`);
}
/** The same text as JSON.stringify(summary, null, 2) + "\n", in pieces. */
function* summaryJsonPieces(summary) {
    const keys = Object.keys(summary);
    yield '{\n';
    for (const [k, key] of keys.entries()) {
        const value = summary[key];
        const comma = k < keys.length - 1 ? ',' : '';
        if (Array.isArray(value) && value.length > 0) {
            yield `  ${JSON.stringify(key)}: [\n`;
            for (const [i, item] of value.entries()) {
                yield `    ${indent(JSON.stringify(item, null, 2), '    ')}${i < value.length - 1 ? ',' : ''}\n`;
            }
            yield `  ]${comma}\n`;
        }
        else {
            yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), '  ')}${comma}\n`;
        }
    }
    yield '}\n';
}
/** Writes the summary JSON to `path`. */
async function writeSummaryJson(path, summary) {
    await (0,external_node_stream_promises_namespaceObject.pipeline)(external_node_stream_namespaceObject.Readable.from(summaryJsonPieces(summary)), (0,external_node_fs_namespaceObject.createWriteStream)(path));
}
/** Writes the summary JSON to stdout. */
async function printSummaryJson(summary) {
    for (const piece of summaryJsonPieces(summary)) {
        if (!process.stdout.write(piece))
            await (0,external_node_events_namespaceObject.once)(process.stdout, 'drain');
    }
}

;// CONCATENATED MODULE: ./src/render/markdown.ts
// Markdown building blocks that text from a plan can't break: no raw HTML, no early </details>, no @mention, #issue or
// GH-123 links, no broken tables, no images, no bidirectional overrides, and no name long enough to swamp a comment.
const MAX_NAME_CHARS = 120;
const ZERO_WIDTH_SPACE = '\u200b';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/**
 * Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks: a name holding them displays in
 * another order than it is ("Trojan Source"), so a reviewer would read another name. Shown as U+FFFD instead.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SHOWN_INSTEAD = '\ufffd';
function oneLine(text, max) {
    const flat = text.replace(CONTROL, ' ').replace(BIDI, SHOWN_INSTEAD);
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
/** Plain text for a markdown paragraph, list item or table cell. */
function escapeText(text, max = MAX_NAME_CHARS) {
    return (oneLine(text, max)
        // Entities would be decoded: &lt;script&gt; must stay text.
        .replace(/&(?=#?\w+;)/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        // Emphasis, code, links and images, tables, strikethrough.
        .replace(/[\\`*_[\]|~]/g, '\\$&')
        // @mentions, #123 references and bare URLs are linked by GitHub after rendering: a zero-width space breaks
        // them, so text from a plan can't ping people or plant links. GitHub mentions only an @ that starts the text
        // or follows a non-word character (its MentionFilter: (?:^|\W)@name), so an email or login reads as itself.
        .replace(/(^|[^A-Za-z0-9_])@/g, `$1@${ZERO_WIDTH_SPACE}`)
        .replace(/#/g, `#${ZERO_WIDTH_SPACE}`)
        .replace(/\b(GH)-(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}-`)
        .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
        .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${ZERO_WIDTH_SPACE}.`));
}
/** Text that starts a line: as escapeText, and no heading, quote, list or rule either. */
function escapeLine(text, max = MAX_NAME_CHARS) {
    return escapeText(text, max)
        .replace(/^(\d+)([.)])/, '$1\\$2')
        .replace(/^([>+=-])/, '\\$1');
}
/** An inline code span that holds any text: the fence is longer than any run of backticks inside. */
function code(text, max = MAX_NAME_CHARS) {
    const flat = oneLine(text, max);
    const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
    return `${fence}${pad}${flat}${pad}${fence}`;
}
/** A fenced code block that no line inside can close early. */
function codeBlock(lines, language = '') {
    const body = lines.map((line) => line.replace(CONTROL, ' ').replace(BIDI, SHOWN_INSTEAD)).join('\n');
    const longest = Math.max(0, ...(body.match(/`{3,}|~{3,}/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}${language}\n${body}\n${fence}`;
}
function markdown_table(header, align, rows) {
    const rule = align.map((a) => (a === 'right' ? '--:' : ':--'));
    return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** Cuts `text` to at most `budget` bytes at a line break, with a closing note. */
function truncateToBudget(text, budget, note) {
    if (byteLength(text) <= budget)
        return text;
    const room = budget - byteLength(note) - 2;
    let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, room)).toString('utf8');
    cut = cut.replace(/\uFFFD$/, '');
    const lastBreak = cut.lastIndexOf('\n');
    return `${lastBreak > 0 ? cut.slice(0, lastBreak) : cut}\n\n${note}`;
}
function plural(n, one, many = `${one}s`) {
    return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/render/api-budget.ts
// The review's "Okta API budget": the rate-limit buckets where a run of this plan waits more than a minute, from the
// summary's forecast (plan/api-forecast.ts), and what to do about it. Nothing is shown when no bucket waits.

/** A bucket is shown when its calls take more than this many minutes at the run's rate. */
const SHOWN_FROM_MINUTES = 1;
function apiBudgetSection(forecast) {
    const slow = forecast.buckets.filter((b) => b.minutes > SHOWN_FROM_MINUTES);
    if (slow.length === 0)
        return [];
    const worst = slow[0];
    if (!worst)
        return [];
    return [
        '#### Okta API budget',
        `Refreshing this configuration takes ${plural(forecast.refresh, 'API call')} and applying this plan ${plural(forecast.apply, 'more call')}: about ${worst.minutes} minutes of waiting on Okta's ${code(worst.bucket)} limit (limits: ${escapeText(forecast.limits, 120)}).`,
        '',
        markdown_table(['Bucket', 'Refresh', 'Apply', 'Calls a minute', 'Minutes'], ['left', 'right', 'right', 'right', 'right'], slow.map((b) => [
            code(b.bucket),
            String(b.refresh),
            String(b.apply),
            String(b.limitPerMinute),
            String(b.minutes),
        ])),
        '',
        'The apply on merge plans again, so it reads all of this a second time before it writes. To wait less: give ' +
            'the service app a larger share of these buckets (Okta gives one app 50% by default; then say so in ' +
            'okta-rate-limits); split the configuration so each run reads fewer objects; keep okta-max-api-capacity ' +
            'below 100 so the provider waits for the limit to reset instead of retrying into HTTP 429.',
    ];
}

;// CONCATENATED MODULE: ./src/render/diff-block.ts
// The collapsed attribute-level diff: every changed object's attributes, before → after, secrets already masked.

function shortName(name) {
    return name.length > MAX_NAME_CHARS ? `${name.slice(0, MAX_NAME_CHARS - 1)}…` : name;
}
function attributeLines(attributes, omitted) {
    const lines = [];
    for (const a of attributes) {
        const forces = a.forcesReplacement ? '   # forces replacement' : '';
        if (a.before !== null)
            lines.push(`- ${a.path} = ${a.before}${a.after === null ? forces : ''}`);
        if (a.after !== null)
            lines.push(`+ ${a.path} = ${a.after}${forces}`);
    }
    if (omitted)
        lines.push(`  # …and ${plural(omitted, 'more attribute')}`);
    return lines;
}
/** The <details> block, or null when no object has attribute changes to show. */
function attributeDiff(summary) {
    const lines = [];
    let objects = 0;
    for (const drift of summary.drift) {
        if (drift.attributes.length === 0)
            continue;
        objects++;
        lines.push(`# ${drift.noun} "${shortName(drift.name)}" (${shortName(drift.address)}): changed outside Terraform`);
        lines.push(...attributeLines(drift.attributes, drift.attributesOmitted), '');
    }
    for (const change of summary.changes) {
        if (change.attributes.length === 0)
            continue;
        objects++;
        lines.push(`# ${change.noun} "${shortName(change.name)}" (${shortName(change.address)}): ${change.action}`);
        lines.push(...attributeLines(change.attributes, change.attributesOmitted), '');
    }
    if (objects === 0)
        return null;
    return [
        `<details><summary>Attribute changes (${plural(objects, 'object')})</summary>`,
        '',
        codeBlock(lines.slice(0, -1), 'diff'),
        '',
        '</details>',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/render/findings.ts
// The review's security findings: most severe first, each with its rule id, the object it is about and the
// attributes that show it (before → after, already redacted by the engine).


const LABEL = {
    critical: '🔴 Critical',
    high: '🟠 High',
    medium: '🟡 Medium',
    low: '⚪ Low',
    info: 'ℹ️ Info',
};
/** "1 critical, 2 high" */
function severityCounts(findings) {
    return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
}
/** What the repository's policy changed, for the reviewer to see (a pull request can change the policy too). */
function policyLine(summary) {
    const { reviewPolicy: policy } = summary;
    const tuned = [
        ...(policy.off.length ? [`rules off: ${policy.off.map((r) => code(r)).join(', ')}`] : []),
        ...Object.entries(policy.severity).map(([rule, severity]) => `${code(rule)} set to ${severity}`),
    ];
    return tuned.length
        ? `_Judged by the review policy ${code(policy.source)}: ${tuned.join('; ')}. The apply's block-on still judges by the built-in rules._`
        : null;
}
function findingsSection(summary, limit, detail) {
    const { findings } = summary;
    const policy = summary.hasChanges ? policyLine(summary) : null;
    if (findings.length === 0)
        return policy ? ['#### Security findings (none)', policy] : [];
    const lines = [`#### Security findings (${severityCounts(findings)})`];
    const byAddress = new Map(summary.changes.map((c) => [c.address, c]));
    for (const finding of findings.slice(0, limit)) {
        const change = byAddress.get(finding.address);
        const object = change ? `${escapeText(change.noun)} **${escapeText(change.name)}** · ` : '';
        lines.push(`- **${LABEL[finding.severity]}** · ${escapeText(finding.message, 400)} · ${object}${code(finding.address)} · rule ${code(finding.rule)}`);
        if (detail === 'counts')
            continue;
        for (const e of finding.evidence) {
            if (e.before === null && e.after === null)
                continue;
            const shown = (text) => (text === null ? '_none_' : code(text, 200));
            lines.push(`  - ${code(e.path)}: ${shown(e.before)} → ${shown(e.after)}`);
        }
    }
    if (findings.length > limit)
        lines.push(`- …and ${findings.length - limit} more findings`);
    if (policy)
        lines.push(policy);
    return lines;
}

;// CONCATENATED MODULE: ./src/render/review.ts
// The review: what a plan does to an Okta org, in Okta's terms, as markdown for a PR comment or a job summary.
// Security findings first, then the counts by category and risky changes, then changes made outside Terraform, then
// every changed object by category, then the attribute-level diff. It always fits its budget: full → names only → counts only.





/** GitHub refuses comments over 65,536 characters; bytes are never fewer than characters. */
const COMMENT_BUDGET = 65_536;
/**
 * The review's share of the step's job summary (1 MiB in all, runtime.ts budgetedSummary): what is left is for an
 * apply report (APPLY_REPORT_BUDGET) and the failure line.
 */
const STEP_SUMMARY_BUDGET = (/* unused pure expression or super */ null && (1024 * 1024 - 96 * 1024));
const MAX_RISKY_IN_COUNTS = 25;
const VERB = {
    create: 'Added',
    update: 'Changed',
    replace: 'Replaced',
    delete: 'Removed',
    forget: 'Forgotten',
    'no-op': 'Unchanged',
};
const COLUMNS = [
    { key: 'create', title: 'Added', always: true },
    { key: 'update', title: 'Changed', always: true },
    { key: 'replace', title: 'Replaced', always: true },
    { key: 'delete', title: 'Removed', always: true },
    { key: 'import', title: 'Imported', always: false },
    { key: 'move', title: 'Moved', always: false },
    { key: 'forget', title: 'Forgotten', always: false },
];
function header(summary, context) {
    const org = summary.org.host ? ` for ${escapeText(summary.org.host)}` : '';
    const where = [`directory ${code(context.directory)}`, `workspace ${code(context.workspace)}`];
    if (summary.plan.terraformVersion)
        where.push(`Terraform ${escapeText(summary.plan.terraformVersion)}`);
    return [`### Okta plan${org}`, where.join(' · ')];
}
function headline(summary) {
    const lines = [];
    if (summary.errored)
        lines.push("> [!WARNING]\n> **The plan failed part-way**: what follows is incomplete and can't be applied.");
    if (!summary.hasChanges) {
        lines.push('**No changes.** The Okta org matches the configuration.');
        return lines;
    }
    const extras = [];
    if (summary.objects.replace)
        extras.push(`${summary.objects.replace} replaced`);
    if (summary.objects.move)
        extras.push(`${summary.objects.move} moved`);
    if (summary.outputChanges)
        extras.push(plural(summary.outputChanges, 'output') + ' changed');
    if (summary.actionInvocations)
        extras.push(plural(summary.actionInvocations, 'action') + ' to invoke');
    lines.push(`**${planLine(summary.terraform)}**${extras.length ? ` (${extras.join(', ')})` : ''}`);
    const noise = summary.changes.filter((c) => c.noise).length;
    if (noise > 0 && noise === summary.changes.length && !summary.outputChanges && !summary.actionInvocations) {
        lines.push(`**Only provider noise**: Terraform plans ${plural(noise, 'change')} that okta/okta is known to plan when nothing changes in Okta (see Provider noise).`);
    }
    if (summary.highRisk) {
        lines.push(`> [!CAUTION]\n> **${plural(summary.highRisk, 'high-risk change')}**: ${summary.highRisk === 1 ? 'it' : 'they'} can lock people out or widen access. Review ${summary.highRisk === 1 ? 'it' : 'them'} first.`);
    }
    return lines;
}
function categoryTable(summary) {
    if (summary.categories.length === 0)
        return null;
    const columns = COLUMNS.filter((c) => c.always || summary.categories.some((row) => row[c.key] > 0));
    const rows = summary.categories.map((row) => [
        escapeText(row.category),
        ...columns.map((c) => String(row[c.key])),
    ]);
    if (summary.categories.length > 1) {
        const total = (key) => summary.categories.reduce((n, row) => n + row[key], 0);
        rows.push(['**Total**', ...columns.map((c) => `**${total(c.key)}**`)]);
    }
    return markdown_table(['Okta category', ...columns.map((c) => c.title)], ['left', ...columns.map(() => 'right')], rows);
}
/** "Removed · OIDC app **Slack** · `okta_app_oauth.slack`" */
function objectLine(change) {
    const extras = [];
    if (change.replaceOrder)
        extras.push(change.replaceOrder === 'create-first' ? 'new one created first' : 'old one deleted first');
    if (change.deposed)
        extras.push('an older copy left by an earlier replace');
    if (change.importing)
        extras.push('imported');
    if (change.previousAddress)
        extras.push(`moved from ${code(change.previousAddress)}`);
    if (change.action === 'forget')
        extras.push('stays in Okta; Terraform stops managing it');
    if (change.noise)
        extras.push('provider noise');
    const verb = change.action === 'no-op' ? (change.importing ? 'Imported' : 'Moved') : VERB[change.action];
    const tail = extras.length ? ` (${extras.join('; ')})` : '';
    return `${verb} · ${escapeText(change.noun)} **${escapeText(change.name)}** · ${code(change.address)}${tail}`;
}
function riskySection(changes, limit) {
    const risky = changes.filter((c) => c.highRisk);
    if (risky.length === 0)
        return [];
    const lines = [`#### High-risk changes (${risky.length})`];
    for (const change of risky.slice(0, limit)) {
        lines.push(`- ${objectLine(change)}`);
        for (const reason of change.riskReasons)
            lines.push(`  - ${escapeText(reason, 400)}`);
    }
    if (risky.length > limit)
        lines.push(`- …and ${risky.length - limit} more high-risk changes`);
    return lines;
}
function driftLine(drift) {
    const deleted = objectAction(drift.actions) === 'delete';
    const what = deleted
        ? 'deleted outside Terraform'
        : drift.attributes.length
            ? `${drift.attributes
                .slice(0, 5)
                .map((a) => code(a.path))
                .join(', ')}${drift.attributes.length + drift.attributesOmitted > 5 ? ', …' : ''} changed`
            : 'changed';
    return `- ${escapeText(drift.noun)} **${escapeText(drift.name)}**: ${what} · ${code(drift.address)}`;
}
function driftSection(summary, detail) {
    if (summary.drift.length === 0)
        return [];
    const lines = [
        `#### Changed outside Terraform (${summary.drift.length})`,
        `Edited in the Admin Console or by another tool since the last apply. ${summary.hasChanges
            ? 'The plan was made with these edits in view: where the configuration says otherwise, applying it reverts them.'
            : 'The configuration matches these edits (or ignores them): applying changes nothing.'}`,
    ];
    if (detail === 'counts')
        return lines;
    lines.push(...summary.drift.map(driftLine));
    return lines;
}
/** A reason okta/okta is known for, and the provider issue that says so. */
function reasonLine(note, lead = '') {
    return `  - ${lead}${escapeText(note.reason, 300)} (okta/okta ${escapeText(note.evidence, 120)})`;
}
const noteLine = (note) => reasonLine(note, 'May come back: ');
/** Updates okta/okta plans when nothing changes in Okta, with the reason and the provider issue that says so. */
function noiseSection(changes) {
    const noisy = changes.filter((c) => c.noise);
    if (noisy.length === 0)
        return [];
    const lines = [
        `#### Provider noise (${noisy.length})`,
        '<details><summary>Changes that change nothing in Okta</summary>',
        '',
    ];
    for (const change of noisy) {
        lines.push(`- ${objectLine(change)}`);
        if (change.noise)
            lines.push(reasonLine(change.noise));
    }
    lines.push('', '</details>');
    return lines;
}
function changesByCategory(summary) {
    const blocks = ['#### Changes by category'];
    for (const { category } of summary.categories) {
        const items = summary.changes
            .filter((c) => c.category === category)
            .map((c) => [`- ${objectLine(c)}`, ...c.providerNotes.map(noteLine)].join('\n'));
        // A blank line on each side: a bold line right after a list would continue its last item.
        blocks.push(`**${escapeText(category)}**\n\n${items.join('\n')}`);
    }
    return blocks.join('\n\n');
}
function render(summary, context, detail) {
    const blocks = [...header(summary, context), ...headline(summary)];
    const findings = findingsSection(summary, detail === 'counts' ? MAX_RISKY_IN_COUNTS : Infinity, detail);
    if (findings.length)
        blocks.push(findings.join('\n'));
    const counts = categoryTable(summary);
    if (counts)
        blocks.push(counts);
    const risky = riskySection(summary.changes, detail === 'counts' ? MAX_RISKY_IN_COUNTS : Infinity);
    if (risky.length)
        blocks.push(risky.join('\n'));
    const drift = driftSection(summary, detail);
    if (drift.length)
        blocks.push(drift.join('\n'));
    const budget = apiBudgetSection(summary.apiForecast);
    if (budget.length)
        blocks.push(budget.join('\n'));
    const noise = detail === 'counts' ? [] : noiseSection(summary.changes);
    if (noise.length)
        blocks.push(noise.join('\n'));
    if (detail !== 'counts' && summary.changes.length)
        blocks.push(changesByCategory(summary));
    if (detail === 'full') {
        const diff = attributeDiff(summary);
        if (diff)
            blocks.push(diff);
    }
    if (detail === 'names' && summary.changes.length) {
        blocks.push(`_Attribute-level changes are left out to fit the size limit: they are in ${escapeText(context.moreAt, 300)}._`);
    }
    if (detail === 'counts' && summary.changes.length) {
        blocks.push(`_The ${plural(summary.changes.length + summary.drift.length, 'object')} by name and their attribute changes are left out to fit the size limit: they are in ${escapeText(context.moreAt, 300)}._`);
    }
    return blocks.filter((b) => b.trim()).join('\n\n') + '\n';
}
/** A lower bound of the bytes a level of detail needs, so that a huge plan is not rendered in vain. */
function atLeast(summary, detail) {
    if (detail === 'counts')
        return 0;
    let bytes = 0;
    for (const c of summary.changes)
        bytes += c.name.length + c.address.length + 20;
    if (detail === 'full')
        for (const c of summary.changes)
            for (const a of c.attributes)
                bytes += a.path.length;
    return bytes;
}
/** The review at the most detail that fits `context.budget` bytes. */
function renderReview(summary, context) {
    for (const detail of ['full', 'names', 'counts']) {
        if (atLeast(summary, detail) > context.budget)
            continue;
        const markdown = render(summary, context, detail);
        if (byteLength(markdown) <= context.budget)
            return { markdown, detail };
    }
    const note = `_Cut to fit the size limit: the rest is in ${escapeText(context.moreAt, 300)}._\n`;
    return {
        markdown: truncateToBudget(render(summary, context, 'counts'), context.budget, note),
        detail: 'counts',
    };
}

;// CONCATENATED MODULE: ./src/render/declared-at.ts
// Where the configuration declares a plan address: the resource block ("okta_group.eng[0]" → okta_group.eng), or
// the module call of an object inside a module, as a file relative to the repository root and a line.

function declaringBlock(address) {
    const module = /^module\.([A-Za-z0-9_-]+)/.exec(address);
    if (module)
        return `module.${module[1]}`;
    return /^([A-Za-z0-9_]+\.[A-Za-z0-9_-]+)/.exec(address)?.[1] ?? null;
}
/** `where.directory` is the module's directory; `where.repository` the checkout's root. */
function declaredAt(address, configuration, where) {
    const block = declaringBlock(address);
    const declared = block ? configuration.declarations.get(block) : undefined;
    return declared
        ? { file: (0,external_node_path_namespaceObject.relative)(where.repository, (0,external_node_path_namespaceObject.join)(where.directory, declared.file)), line: declared.line }
        : null;
}

;// CONCATENATED MODULE: ./src/render/sarif.ts
// Findings as SARIF 2.1.0 (OASIS), the format code-scanning tools read (GitHub code scanning among them): one rule
// per finding rule, one result per finding, located on the .tf line that declares its object when it is known.

const LEVEL = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    low: 'note',
    info: 'note',
};
/** GitHub code scanning orders alerts by this (0.0–10.0, as CVSS): critical 9.0 and up, high 7.0 and up. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '3.0',
    info: '0.0',
};
function sarifLog(findings, configuration, where, version) {
    const rules = [...new Map(findings.map((f) => [f.rule, f])).values()].map((f) => ({
        id: f.rule,
        name: f.rule,
        shortDescription: { text: `Okta review rule ${f.rule}` },
        defaultConfiguration: { level: LEVEL[f.severity] },
        properties: { tags: ['security', 'okta', 'terraform'] },
    }));
    const results = findings.map((f) => {
        const declared = declaredAt(f.address, configuration, where);
        return {
            ruleId: f.rule,
            level: LEVEL[f.severity],
            message: { text: `${f.message} (${f.address})` },
            ...(declared
                ? {
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: declared.file },
                                region: { startLine: declared.line },
                            },
                            logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
                        },
                    ],
                }
                : { locations: [{ logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }] }] }),
            properties: {
                severity: f.severity,
                'security-severity': SECURITY_SEVERITY[f.severity],
                evidence: f.evidence,
            },
        };
    });
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'okta-terraform-review', version, rules } }, results }],
    };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// okta-tf: the action's core on the command line.
//   okta-tf summarize PLAN_JSON|- [--format markdown|json] [--out FILE] [--directory DIR] [--workspace NAME]
//                    [--policy FILE]
//   okta-tf review PLAN_JSON|- [--format markdown|json|sarif] [--fail-on SEVERITY] [--policy FILE] [--out FILE]
//                 [--directory DIR]











const USAGE = `Usage: okta-tf summarize PLAN_JSON|- [options]
       okta-tf review PLAN_JSON|- [options]

summarize: a \`terraform show -json PLANFILE\` output in Okta's terms (use - to read stdin).
review: its security findings, with an exit code by severity (for pre-commit hooks and other CI systems).

Options:
  --format FORMAT         summarize: markdown (the review comment the action posts, default) or json (the summary);
                          review: markdown (default), json (the findings) or sarif (SARIF 2.1.0, for code scanning)
  --fail-on SEVERITY      review: exit 2 when a finding is this severe or more: critical, high (default), medium,
                          low, info, or none
  --policy FILE           the review policy: rules off, severities, allowlists (default: ./.okta-review.yml
                          when there is one)
  --out FILE              write to FILE instead of stdout
  --directory DIR         the Terraform directory named in the review, whose .tf files locate findings (default .)
  --workspace NAME        the Terraform workspace named in the review (default: TF_WORKSPACE or "default")
  -h, --help              show this help

Exit codes: 0 done; 1 an error (one line on stderr); 2 review found findings at or above --fail-on.`;
const VERSION = '0.1.0';
class UsageError extends Error {
}
function parse(argv) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args: [...argv],
        allowPositionals: true,
        options: {
            format: { type: 'string', default: 'markdown' },
            'fail-on': { type: 'string', default: 'high' },
            out: { type: 'string' },
            directory: { type: 'string', default: '.' },
            workspace: { type: 'string' },
            policy: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    if (values.help)
        return 'help';
    const [command, plan, ...extra] = positionals;
    if (command !== 'summarize' && command !== 'review')
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    if (!plan)
        throw new UsageError('missing PLAN_JSON (a file, or - for stdin)');
    if (extra.length)
        throw new UsageError(`unexpected argument "${extra[0]}"`);
    const formats = command === 'review' ? ['markdown', 'json', 'sarif'] : ['markdown', 'json'];
    if (!formats.includes(values.format)) {
        throw new UsageError(`--format must be ${formats.join(' or ')}, not "${values.format}"`);
    }
    const failOn = values['fail-on'];
    if (![...SEVERITIES, 'none'].includes(failOn)) {
        throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, not "${failOn}"`);
    }
    return {
        command,
        plan,
        format: values.format,
        failOn: failOn,
        out: values.out ?? null,
        directory: values.directory,
        workspace: values.workspace ?? (process.env.TF_WORKSPACE || 'default'),
        policy: values.policy
            ? readPolicy(values.policy, values.policy, { required: true })
            : readPolicy(DEFAULT_POLICY_FILE, DEFAULT_POLICY_FILE, { required: false }),
    };
}
async function emit(options, text) {
    if (options.out)
        await (0,promises_namespaceObject.writeFile)(options.out, text);
    else
        process.stdout.write(text);
}
function markdown(summary, options) {
    return renderReview(summary, {
        directory: options.directory,
        workspace: options.workspace,
        moreAt: 'the JSON summary (`okta-tf summarize PLAN --format json`)',
        budget: COMMENT_BUDGET,
    }).markdown;
}
/** Runs a command; returns its exit code. */
async function run(options) {
    const summary = await summarizePlan(await openPlan(options.plan), {
        env: process.env,
        policy: options.policy,
    });
    if (options.command === 'summarize') {
        if (options.format === 'markdown')
            await emit(options, markdown(summary, options));
        else if (options.out)
            await writeSummaryJson(options.out, summary);
        else
            await printSummaryJson(summary);
        return 0;
    }
    const { findings } = summary;
    if (options.format === 'markdown')
        await emit(options, markdown(summary, options));
    else if (options.format === 'json')
        await emit(options, `${JSON.stringify({ findings, highestSeverity: highestSeverity(findings), reviewPolicy: summary.reviewPolicy }, null, 2)}\n`);
    else {
        const configuration = await readModuleConfiguration(options.directory);
        const where = { directory: options.directory, repository: process.cwd() };
        await emit(options, `${JSON.stringify(sarifLog(findings, configuration, where, VERSION), null, 2)}\n`);
    }
    const { failOn } = options;
    const failing = failOn !== 'none' && findings.some((f) => severityRank(f.severity) <= severityRank(failOn));
    if (failing)
        process.stderr.write(`okta-tf: findings at or above ${failOn} (--fail-on)\n`);
    return failing ? 2 : 0;
}
/** Runs the CLI; returns the exit code. Errors are one line on stderr, never a stack trace. */
async function main(argv) {
    try {
        const options = parse(argv);
        if (options === 'help') {
            process.stdout.write(`${USAGE}\n`);
            return 0;
        }
        return await run(options);
    }
    catch (e) {
        const usage = e instanceof UsageError ||
            (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
        const prefix = e instanceof ActionError || usage ? '' : 'unexpected error (please report it): ';
        process.stderr.write(`okta-tf: ${prefix}${errorMessage(e)}${usage ? ' (see okta-tf --help)' : ''}\n`);
        return 1;
    }
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 4352:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = __nccwpck_require__(5077)
const { SCHEMES, getSchemeHandler } = __nccwpck_require__(5300)

const VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u
const MALFORMED_SCHEME_ERROR = 'URI scheme is malformed.'
const MALFORMED_HOST_ERROR = 'URI host is malformed.'
// ASCII characters outside the RFC 3986 reg-name set (unreserved, sub-delims
// and "%" for pct-encoded): C0 controls, space, DEL, and "#/:<>?@[\]^`{|}.
const FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u

/**
 * RFC 3986 section 3.1 does not allow percent-encoding in a scheme, so the
 * scheme is validated as-is and never decoded. Decoding would let inert input
 * such as `%6Aavascript:` become a live `javascript:` scheme.
 *
 * @param {string} scheme
 * @returns {string}
 */
function validateScheme (scheme) {
  const stringScheme = String(scheme)
  if (!VALID_SCHEME.test(stringScheme)) {
    throw new TypeError(MALFORMED_SCHEME_ERROR)
  }
  return stringScheme
}

/**
 * @template {import('./types/index').URIComponent|string} T
 * @param {T} uri
 * @param {import('./types/index').Options} [options]
 * @returns {T}
 */
function normalize (uri, options) {
  if (typeof uri === 'string') {
    uri = /** @type {T} */ (normalizeString(uri, options))
  } else if (typeof uri === 'object') {
    uri = /** @type {T} */ (parse(serialize(uri, options), options))
  }
  return uri
}

/**
 * @param {string} baseURI
 * @param {string} relativeURI
 * @param {import('./types/index').Options} [options]
 * @returns {string}
 */
function resolve (baseURI, relativeURI, options) {
  const schemelessOptions = options ? Object.assign({ scheme: 'null' }, options) : { scheme: 'null' }
  const {
    parsed: baseParsed,
    malformedAuthorityOrPort: baseMalformed,
    malformedPercentEncoding: baseMalformedPercentEncoding,
    malformedSchemeSpecific: baseMalformedSchemeSpecific,
    malformedHost: baseMalformedHost,
    malformedScheme: baseMalformedScheme
  } = parseWithStatus(baseURI, schemelessOptions)
  const {
    parsed: relativeParsed,
    malformedAuthorityOrPort: relativeMalformed,
    malformedPercentEncoding: relativeMalformedPercentEncoding,
    malformedSchemeSpecific: relativeMalformedSchemeSpecific,
    malformedHost: relativeMalformedHost,
    malformedScheme: relativeMalformedScheme
  } = parseWithStatus(relativeURI, schemelessOptions)
  if (
    baseMalformed ||
    relativeMalformed ||
    baseMalformedPercentEncoding ||
    relativeMalformedPercentEncoding ||
    baseMalformedSchemeSpecific ||
    relativeMalformedSchemeSpecific ||
    baseMalformedHost ||
    relativeMalformedHost ||
    baseMalformedScheme ||
    relativeMalformedScheme
  ) {
    throw new Error(baseParsed.error || relativeParsed.error || 'URI is malformed.')
  }
  const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true)
  const resolvedSchemeHandler = getSchemeHandler((options && options.scheme) || resolved.scheme)
  const resolvedHost = resolved.host
  const resolvedHostIsIP = resolvedHost !== undefined && resolvedHost !== '' &&
    (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6)
  // Inputs are parsed scheme-neutrally, so delimiters and controls in a domain
  // host are only detected here, once the final scheme is known. They always
  // fail closed, including in percent-encoded hosts.
  if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
    throw new Error(MALFORMED_HOST_ERROR)
  }
  canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)
  // Percent escapes in an ASCII reg-name are encoded data. The WHATWG hostname
  // parser can reject them even though fast-uri preserves them safely as RFC
  // 3986 data. A raw non-ASCII host must still fail closed if conversion fails.
  const encodedASCIIHost = resolvedHost && resolvedHost.indexOf('%') !== -1 &&
    !/\P{ASCII}/u.test(resolvedHost)
  if (resolved.error && !encodedASCIIHost) {
    throw new Error(resolved.error)
  }
  schemelessOptions.skipEscape = true
  return serialize(resolved, schemelessOptions)
}

/**
 * @param {import ('./types/index').URIComponent} base
 * @param {import ('./types/index').URIComponent} relative
 * @param {import('./types/index').Options} [options]
 * @param {boolean} [skipNormalization=false]
 * @returns {import ('./types/index').URIComponent}
 */
function resolveComponent (base, relative, options, skipNormalization) {
  /** @type {import('./types/index').URIComponent} */
  const target = {}
  if (!skipNormalization) {
    base = parse(serialize(base, options), options) // normalize base component
    relative = parse(serialize(relative, options), options) // normalize relative component
  }
  options = options || {}

  if (!options.tolerant && relative.scheme) {
    target.scheme = relative.scheme
    // target.authority = relative.authority;
    target.userinfo = relative.userinfo
    target.host = relative.host
    target.port = relative.port
    target.path = removeDotSegments(relative.path || '')
    target.query = relative.query
  } else {
    if (relative.userinfo !== undefined || relative.host !== undefined || relative.port !== undefined) {
      // target.authority = relative.authority;
      target.userinfo = relative.userinfo
      target.host = relative.host
      target.port = relative.port
      target.path = removeDotSegments(relative.path || '')
      target.query = relative.query
    } else {
      if (!relative.path) {
        target.path = base.path
        if (relative.query !== undefined) {
          target.query = relative.query
        } else {
          target.query = base.query
        }
      } else {
        if (relative.path[0] === '/') {
          target.path = removeDotSegments(relative.path)
        } else {
          const baseHasAuthority = base.userinfo !== undefined || base.host !== undefined || base.port !== undefined
          if (baseHasAuthority && !base.path) {
            target.path = '/' + relative.path
          } else if (!base.path) {
            target.path = relative.path
          } else {
            target.path = base.path.slice(0, base.path.lastIndexOf('/') + 1) + relative.path
          }
          target.path = base.scheme === undefined && !baseHasAuthority && target.path[0] !== '/'
            ? removeDotSegmentsRelative(target.path)
            : removeDotSegments(target.path)
        }
        target.query = relative.query
      }
      // target.authority = base.authority;
      target.userinfo = base.userinfo
      target.host = base.host
      target.port = base.port
    }
    target.scheme = base.scheme
  }

  target.fragment = relative.fragment

  return target
}

/**
 * @param {import ('./types/index').URIComponent|string} uriA
 * @param {import ('./types/index').URIComponent|string} uriB
 * @param {import ('./types/index').Options} options
 * @returns {boolean}
 */
function equal (uriA, uriB, options) {
  const normalizedA = normalizeComparableURI(uriA, options)
  const normalizedB = normalizeComparableURI(uriB, options)

  return normalizedA !== undefined && normalizedB !== undefined && normalizedA === normalizedB
}

/**
 * @param {Readonly<import('./types/index').URIComponent>} cmpts
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function serialize (cmpts, opts) {
  const component = {
    host: cmpts.host,
    scheme: cmpts.scheme,
    userinfo: cmpts.userinfo,
    port: cmpts.port,
    path: cmpts.path,
    query: cmpts.query,
    nid: cmpts.nid,
    nss: cmpts.nss,
    uuid: cmpts.uuid,
    fragment: cmpts.fragment,
    reference: cmpts.reference,
    resourceName: cmpts.resourceName,
    secure: cmpts.secure,
    error: ''
  }
  const options = Object.assign({}, opts)
  const uriTokens = []

  if (component.scheme) {
    component.scheme = validateScheme(component.scheme)
  }

  // find scheme handler
  const schemeHandler = getSchemeHandler(options.scheme || component.scheme)

  // perform scheme specific serialization
  if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options)

  const hasAuthority = component.userinfo !== undefined || component.host !== undefined || component.port !== undefined
  // A reference with no emitted scheme is path-noscheme: a bare ':' in its
  // first path segment would reparse as a scheme (RFC 3986 3.3/4.2). Enforced
  // under skipEscape too (resolve()), so the reapply below gates on this flag.
  const schemelessReference = (component.scheme === undefined || options.reference === 'suffix') && !hasAuthority
  const pathNoScheme = !options.skipEscape && schemelessReference

  if (component.path !== undefined) {
    if (!options.skipEscape) {
      component.path = serializePathEncoding(component.path, pathNoScheme)
    } else {
      component.path = normalizePercentEncoding(component.path)
    }
  }

  if (options.reference !== 'suffix' && component.scheme) {
    // Scheme handlers may replace the scheme during serialization.
    component.scheme = validateScheme(component.scheme)
    uriTokens.push(component.scheme, ':')
  }

  const authority = recomposeAuthority(component)
  if (authority !== undefined) {
    if (options.reference !== 'suffix') {
      uriTokens.push('//')
    }

    uriTokens.push(authority)

    if (component.path && component.path[0] !== '/') {
      uriTokens.push('/')
    }
  }
  if (component.path !== undefined) {
    let s = component.path

    if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
      // A relative-path reference keeps its unresolvable leading ".." segments
      // and must never become root-relative (RFC 3986 section 5.2.4 applies to
      // merged target paths, not to the reference itself).
      s = schemelessReference && s[0] !== '/'
        ? removeDotSegmentsRelative(s)
        : removeDotSegments(s)
    }

    // Dot-segment removal can expose a colon that was not originally in the
    // first segment (for example, "./a:b"). Reapply path-noscheme encoding so
    // the serialized relative reference cannot be reparsed as a URI scheme.
    if (schemelessReference) {
      s = serializePathEncoding(s, true)
    }

    if (
      authority === undefined &&
      s[0] === '/' &&
      s[1] === '/'
    ) {
      // don't allow the path to start with "//"
      s = '/%2F' + s.slice(2)
    }

    uriTokens.push(s)
  }

  if (component.query !== undefined) {
    uriTokens.push('?', encodeQuery(component.query))
  }

  if (component.fragment !== undefined) {
    uriTokens.push('#', encodeFragment(component.fragment))
  }
  return uriTokens.join('')
}

const URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u

// Captures the authority component (between "//" and the next "/", "?" or "#"),
// with or without a scheme prefix, for the literal-backslash rejection below.
const AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/

// Captures the leading authority-introducer region after an optional scheme: a
// run of forward slashes, backslashes, and the characters the WHATWG URL parser
// removes before parsing (TAB U+0009, LF U+000A, CR U+000D). A valid introducer
// is exactly "//". Node treats "\" as "/" on special schemes and strips those
// characters first, so forms like "\\", "/\", "\/", "/<TAB>/", or a leading
// "<TAB>//" reach an authority in Node while fast-uri's URI_PARSE folds them into
// the path group (host confusion / SSRF / redirect bypass).
const AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {RegExpMatchArray} matches
 * @returns {string|undefined}
 */
function getParseError (parsed, matches) {
  if (matches[2] !== undefined && parsed.path && parsed.path[0] !== '/') {
    return 'URI path must start with "/" when authority is present.'
  }

  if (typeof parsed.port === 'number' && (parsed.port < 0 || parsed.port > 65535)) {
    return 'URI port is malformed.'
  }

  return undefined
}

/**
 * Checks percent syntax without decoding the represented octets. RFC 3986
 * percent-encoding is byte-oriented, so sequences such as `%FF` are valid even
 * though they are not independently valid UTF-8.
 *
 * @param {string|undefined} component
 * @returns {boolean}
 */
function hasMalformedPercentEncoding (component) {
  if (component === undefined) return false

  let percent = component.indexOf('%')
  while (percent !== -1) {
    if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
      return true
    }
    percent = component.indexOf('%', percent + 3)
  }

  return false
}

/**
 * Whether the host is a bracketed IP literal (RFC 3986 `IP-literal`).
 * An unterminated `[` is not a literal, so it must still be validated as a
 * reg-name instead of being waved through as an IP.
 *
 * @param {string} host
 * @returns {boolean}
 */
function isIPLiteral (host) {
  return host[0] === '[' && host[host.length - 1] === ']'
}

/**
 * @param {RegExpMatchArray} matches
 * @returns {boolean}
 */
function hasMalformedComponentPercentEncoding (matches) {
  // Bracketed IP literals use a raw "%" as the zone separator for historical
  // compatibility. Their parsing is intentionally left to normalizeIPv6.
  const host = matches[4]
  return hasMalformedPercentEncoding(matches[3]) ||
    (host !== undefined && !isIPLiteral(host) && hasMalformedPercentEncoding(host)) ||
    hasMalformedPercentEncoding(matches[6]) ||
    hasMalformedPercentEncoding(matches[7]) ||
    hasMalformedPercentEncoding(matches[8])
}

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean, unicodeSupport?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean} whether host conversion failed
 */
function canonicalizeHost (parsed, options, schemeHandler, isIP) {
  if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
    parsed.error = parsed.error || MALFORMED_HOST_ERROR
    return true
  }

  if (
    !options.unicodeSupport &&
    (!schemeHandler || !schemeHandler.unicodeSupport) &&
    parsed.host &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    isIP === false &&
    nonSimpleDomain(parsed.host)
  ) {
    let url
    try {
      url = new URL('http://' + parsed.host)
    } catch (e) {
      parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e
      return true
    }
    // The WHATWG parser must have read the whole input as a host. Anything
    // else means it found a delimiter fast-uri did not, so its hostname would
    // describe a different authority.
    if (!isHostOnlyURL(url)) {
      parsed.error = parsed.error || MALFORMED_HOST_ERROR
      return true
    }
    parsed.host = url.hostname
  }
  return false
}

/**
 * Whether a domain host contains an ASCII character that RFC 3986 does not
 * allow in a reg-name (unreserved, sub-delims, or pct-encoded). Such a host is
 * rejected instead of being handed to the WHATWG URL parser, which would treat
 * "@" as a userinfo delimiter (silently dropping the data before it) and strip
 * TAB, LF, and CR. Non-ASCII characters remain allowed for IDNs.
 *
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean}
 */
function hasForbiddenDomainHost (parsed, options, schemeHandler, isIP) {
  return Boolean(
    parsed.host &&
    isIP === false &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
  )
}

/**
 * @param {URL} url
 * @returns {boolean}
 */
function isHostOnlyURL (url) {
  return url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.hostname !== ''
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ parsed: import('./types/index').URIComponent, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function parseWithStatus (uri, opts) {
  const options = Object.assign({}, opts)
  /** @type {import('./types/index').URIComponent} */
  const parsed = {
    scheme: undefined,
    userinfo: undefined,
    host: '',
    port: undefined,
    path: '',
    query: undefined,
    fragment: undefined
  }

  let malformedAuthorityOrPort = false
  let malformedPercentEncoding = false
  let malformedSchemeSpecific = false
  let malformedHost = false
  let malformedIPLiteral = false
  let malformedScheme = false

  let isIP = false
  if (options.reference === 'suffix') {
    if (options.scheme) {
      uri = options.scheme + ':' + uri
    } else {
      uri = '//' + uri
    }
  }

  // A literal backslash (U+005C) is not a valid RFC 3986 URI character and is
  // not an authority delimiter. Reject it in the authority rather than
  // rewriting it: normalizing "\" -> "/" (WHATWG error recovery) could silently
  // change the resource identified by an otherwise-invalid input, and lets "\"
  // act as a host delimiter here while Node's native URL parses a different
  // host (SSRF / redirect / origin-allowlist bypass). Percent-encoded %5C is
  // untouched and remains valid encoded data.
  const authorityMatch = uri.match(AUTHORITY_PREFIX)
  if (authorityMatch !== null && authorityMatch[1].indexOf('\\') !== -1) {
    parsed.error = 'URI authority must not contain a literal backslash.'
    malformedAuthorityOrPort = true
  }

  // Reject a malformed or whitespace-smuggled authority introducer. fast-uri
  // only recognizes a literal "//"; anything else in the leading separator run
  // (a backslash, or a "//" that appears only after removing the TAB/LF/CR that
  // Node strips) means the authority fast-uri parses differs from the one Node's
  // URL resolves. Reject rather than rewrite, mirroring the literal-backslash
  // guard above. Percent-encoded forms (%5C, %09) are untouched, valid data.
  const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION)
  if (introducerMatch !== null) {
    const region = introducerMatch[1]
    const normalizedRegion = region.replace(/[\t\n\r]/g, '')
    // Two or more leading separators introduce an authority.
    if (normalizedRegion.length >= 2) {
      if (normalizedRegion.slice(0, 2) !== '//') {
        parsed.error = parsed.error || 'URI authority must not contain a literal backslash.'
        malformedAuthorityOrPort = true
      } else if (region.length !== normalizedRegion.length) {
        parsed.error = parsed.error || 'URI authority introducer must not contain whitespace.'
        malformedAuthorityOrPort = true
      }
    }
  }

  const matches = uri.match(URI_PARSE)

  if (matches) {
    // store each component
    parsed.scheme = matches[1]
    parsed.userinfo = matches[3]
    parsed.host = matches[4]
    parsed.port = parseInt(matches[5], 10)
    parsed.path = matches[6] || ''
    parsed.query = matches[7]
    parsed.fragment = matches[8]

    if (parsed.scheme !== undefined) {
      if (VALID_SCHEME.test(parsed.scheme)) {
        parsed.scheme = parsed.scheme.toLowerCase()
      } else {
        parsed.error = parsed.error || MALFORMED_SCHEME_ERROR
        malformedScheme = true
      }
    }

    malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches)
    if (malformedPercentEncoding) {
      parsed.error = parsed.error || 'URI contains malformed percent-encoding.'
    }

    // fix port number
    if (isNaN(parsed.port)) {
      parsed.port = matches[5]
    }

    const parseError = getParseError(parsed, matches)
    if (parseError !== undefined) {
      parsed.error = parsed.error || parseError
      malformedAuthorityOrPort = true
    }

    if (parsed.host) {
      const ipv4result = isIPv4(parsed.host)
      if (ipv4result === false) {
        const bracketedIPLiteral = isIPLiteral(parsed.host)
        const hasIPLiteralBracket = parsed.host.indexOf('[') !== -1 || parsed.host.indexOf(']') !== -1
        const ipv6result = normalizeIPv6(parsed.host)
        isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true
        malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true)
        parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase()

        if (malformedIPLiteral) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR
          malformedAuthorityOrPort = true
        }
      } else {
        isIP = true
      }
    }
    if (parsed.scheme === undefined && parsed.userinfo === undefined && parsed.host === undefined && parsed.port === undefined && parsed.query === undefined && !parsed.path) {
      parsed.reference = 'same-document'
    } else if (parsed.scheme === undefined) {
      parsed.reference = 'relative'
    } else if (parsed.fragment === undefined) {
      parsed.reference = 'absolute'
    } else {
      parsed.reference = 'uri'
    }

    // check for reference errors
    if (options.reference && options.reference !== 'suffix' && options.reference !== parsed.reference) {
      parsed.error = parsed.error || 'URI is not a ' + options.reference + ' reference.'
    }

    // find scheme handler
    const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme)

    // convert Unicode IDN -> ASCII IDN when the effective scheme uses domain hosts
    if (!malformedIPLiteral) {
      malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP)
    }

    if (uri.indexOf('%') !== -1 && parsed.host !== undefined && !malformedIPLiteral) {
      let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true)
      if (!isIP) {
        // Fold reg-name case after decoding unreserved octets. The second
        // pass only restores uppercase hex in escapes that remain encoded.
        host = normalizePercentEncoding(host.toLowerCase())
      }
      // Resolution parses both inputs with the internal `null` scheme before
      // the effective scheme is known. Keep raw host delimiters for that step
      // so resolve() can reject them for domain-host schemes; the resolved
      // authority is encoded when it is serialized.
      parsed.host = isIP || options.scheme !== 'null' ? reescapeHostDelimiters(host, isIP) : host
    }

    if (!schemeHandler || (schemeHandler && !schemeHandler.skipNormalize)) {
      if (parsed.path) {
        parsed.path = normalizePathEncoding(parsed.path)
      }
      if (parsed.query) {
        parsed.query = normalizeQueryFragmentEncoding(parsed.query)
      }
      if (parsed.fragment) {
        parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment)
      }
    }

    // perform scheme specific parsing
    if (schemeHandler && schemeHandler.parse) {
      schemeHandler.parse(parsed, options)
      if (schemeHandler === SCHEMES.urn && parsed.nid === undefined) {
        malformedSchemeSpecific = true
      }
    }
  } else {
    parsed.error = parsed.error || 'URI can not be parsed.'
  }
  return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme }
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns
 */
function parse (uri, opts) {
  return parseWithStatus(uri, opts).parsed
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function normalizeString (uri, opts) {
  return normalizeStringWithStatus(uri, opts).normalized
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ normalized: string, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function normalizeStringWithStatus (uri, opts) {
  const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts)
  return {
    normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
    malformedAuthorityOrPort,
    malformedPercentEncoding,
    malformedSchemeSpecific,
    malformedHost,
    malformedScheme
  }
}

/**
 * @param {import ('./types/index').URIComponent|string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string|undefined}
 */
function normalizeComparableURI (uri, opts) {
  if (typeof uri !== 'string' && typeof uri !== 'object') {
    return undefined
  }

  let value
  try {
    value = typeof uri === 'string' ? uri : serialize(uri, opts)
  } catch {
    return undefined
  }
  const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts)
  return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? undefined : normalized
}

const fastUri = {
  SCHEMES,
  normalize,
  resolve,
  resolveComponent,
  equal,
  serialize,
  parse
}

module.exports = fastUri
module.exports["default"] = fastUri
module.exports.fastUri = fastUri


/***/ }),

/***/ 5300:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isUUID } = __nccwpck_require__(5077)
const URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu

const supportedSchemeNames = /** @type {const} */ (['http', 'https', 'ws',
  'wss', 'urn', 'urn:uuid'])

/** @typedef {supportedSchemeNames[number]} SchemeName */

/**
 * @param {string} name
 * @returns {name is SchemeName}
 */
function isValidSchemeName (name) {
  return supportedSchemeNames.indexOf(/** @type {*} */ (name)) !== -1
}

/**
 * @callback SchemeFn
 * @param {import('../types/index').URIComponent} component
 * @param {import('../types/index').Options} options
 * @returns {import('../types/index').URIComponent}
 */

/**
 * @typedef {Object} SchemeHandler
 * @property {SchemeName} scheme - The scheme name.
 * @property {boolean} [domainHost] - Indicates if the scheme supports domain hosts.
 * @property {SchemeFn} parse - Function to parse the URI component for this scheme.
 * @property {SchemeFn} serialize - Function to serialize the URI component for this scheme.
 * @property {boolean} [skipNormalize] - Indicates if normalization should be skipped for this scheme.
 * @property {boolean} [absolutePath] - Indicates if the scheme uses absolute paths.
 * @property {boolean} [unicodeSupport] - Indicates if the scheme supports Unicode.
 */

/**
 * @param {import('../types/index').URIComponent} wsComponent
 * @returns {boolean}
 */
function wsIsSecure (wsComponent) {
  if (wsComponent.secure === true) {
    return true
  } else if (wsComponent.secure === false) {
    return false
  } else if (wsComponent.scheme) {
    return (
      wsComponent.scheme.length === 3 &&
      (wsComponent.scheme[0] === 'w' || wsComponent.scheme[0] === 'W') &&
      (wsComponent.scheme[1] === 's' || wsComponent.scheme[1] === 'S') &&
      (wsComponent.scheme[2] === 's' || wsComponent.scheme[2] === 'S')
    )
  } else {
    return false
  }
}

/** @type {SchemeFn} */
function httpParse (component) {
  if (!component.host) {
    component.error = component.error || 'HTTP URIs must have a host.'
  }

  return component
}

/** @type {SchemeFn} */
function httpSerialize (component) {
  const secure = String(component.scheme).toLowerCase() === 'https'

  // normalize the default port
  if (component.port === (secure ? 443 : 80) || component.port === '') {
    component.port = undefined
  }

  // normalize the empty path
  if (!component.path) {
    component.path = '/'
  }

  // NOTE: We do not parse query strings for HTTP URIs
  // as WWW Form Url Encoded query strings are part of the HTML4+ spec,
  // and not the HTTP spec.

  return component
}

/** @type {SchemeFn} */
function wsParse (wsComponent) {
// indicate if the secure flag is set
  wsComponent.secure = wsIsSecure(wsComponent)

  // construct resouce name
  wsComponent.resourceName = (wsComponent.path || '/') + (wsComponent.query ? '?' + wsComponent.query : '')
  wsComponent.path = undefined
  wsComponent.query = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function wsSerialize (wsComponent) {
// normalize the default port
  if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === '') {
    wsComponent.port = undefined
  }

  // ensure scheme matches secure flag
  if (typeof wsComponent.secure === 'boolean') {
    wsComponent.scheme = (wsComponent.secure ? 'wss' : 'ws')
    wsComponent.secure = undefined
  }

  // reconstruct path from resource name
  if (wsComponent.resourceName) {
    const queryIndex = wsComponent.resourceName.indexOf('?')
    const path = queryIndex === -1
      ? wsComponent.resourceName
      : wsComponent.resourceName.slice(0, queryIndex)
    wsComponent.path = (path && path !== '/' ? path : undefined)
    wsComponent.query = queryIndex === -1
      ? undefined
      : wsComponent.resourceName.slice(queryIndex + 1)
    wsComponent.resourceName = undefined
  }

  // forbid fragment component
  wsComponent.fragment = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function urnParse (urnComponent, options) {
  if (!urnComponent.path) {
    urnComponent.error = 'URN can not be parsed'
    return urnComponent
  }
  const matches = urnComponent.path.match(URN_REG)
  if (matches && matches[0] === urnComponent.path) {
    const scheme = options.scheme || urnComponent.scheme || 'urn'
    urnComponent.nid = matches[1].toLowerCase()
    urnComponent.nss = matches[2]
    const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`
    const schemeHandler = getSchemeHandler(urnScheme)
    urnComponent.path = undefined

    if (schemeHandler) {
      urnComponent = schemeHandler.parse(urnComponent, options)
    }
  } else {
    urnComponent.error = urnComponent.error || 'URN can not be parsed.'
  }

  return urnComponent
}

/** @type {SchemeFn} */
function urnSerialize (urnComponent, options) {
  if (urnComponent.nid === undefined) {
    throw new Error('URN without nid cannot be serialized')
  }
  const scheme = options.scheme || urnComponent.scheme || 'urn'
  const nid = urnComponent.nid.toLowerCase()
  const urnScheme = `${scheme}:${options.nid || nid}`
  const schemeHandler = getSchemeHandler(urnScheme)

  if (schemeHandler) {
    urnComponent = schemeHandler.serialize(urnComponent, options)
  }

  const uriComponent = urnComponent
  const nss = urnComponent.nss
  uriComponent.path = `${nid || options.nid}:${nss}`

  options.skipEscape = true
  return uriComponent
}

/** @type {SchemeFn} */
function urnuuidParse (urnComponent, options) {
  const uuidComponent = urnComponent
  uuidComponent.uuid = uuidComponent.nss
  uuidComponent.nss = undefined

  if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
    uuidComponent.error = uuidComponent.error || 'UUID is not valid.'
  }

  return uuidComponent
}

/** @type {SchemeFn} */
function urnuuidSerialize (uuidComponent) {
  const urnComponent = uuidComponent
  // normalize UUID
  urnComponent.nss = (uuidComponent.uuid || '').toLowerCase()
  return urnComponent
}

const http = /** @type {SchemeHandler} */ ({
  scheme: 'http',
  domainHost: true,
  parse: httpParse,
  serialize: httpSerialize
})

const https = /** @type {SchemeHandler} */ ({
  scheme: 'https',
  domainHost: http.domainHost,
  parse: httpParse,
  serialize: httpSerialize
})

const ws = /** @type {SchemeHandler} */ ({
  scheme: 'ws',
  domainHost: true,
  parse: wsParse,
  serialize: wsSerialize
})

const wss = /** @type {SchemeHandler} */ ({
  scheme: 'wss',
  domainHost: ws.domainHost,
  parse: ws.parse,
  serialize: ws.serialize
})

const urn = /** @type {SchemeHandler} */ ({
  scheme: 'urn',
  parse: urnParse,
  serialize: urnSerialize,
  skipNormalize: true
})

const urnuuid = /** @type {SchemeHandler} */ ({
  scheme: 'urn:uuid',
  parse: urnuuidParse,
  serialize: urnuuidSerialize,
  skipNormalize: true
})

const SCHEMES = /** @type {Record<SchemeName, SchemeHandler>} */ ({
  http,
  https,
  ws,
  wss,
  urn,
  'urn:uuid': urnuuid
})

Object.setPrototypeOf(SCHEMES, null)

/**
 * @param {string|undefined} scheme
 * @returns {SchemeHandler|undefined}
 */
function getSchemeHandler (scheme) {
  return (
    scheme && (
      SCHEMES[/** @type {SchemeName} */ (scheme)] ||
      SCHEMES[/** @type {SchemeName} */(scheme.toLowerCase())])
  ) ||
    undefined
}

module.exports = {
  wsIsSecure,
  SCHEMES,
  isValidSchemeName,
  getSchemeHandler,
}


/***/ }),

/***/ 5077:
/***/ ((module) => {



/** @type {(value: string) => boolean} */
const isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu)

/** @type {(value: string) => boolean} */
const isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u)

/** @type {(value: string) => boolean} */
const isPort = RegExp.prototype.test.bind(/^\d*$/u)

/** @type {(value: string) => boolean} */
const isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu)

/** @type {(value: string) => boolean} */
const isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu)

/** @type {(value: string) => boolean} */
const isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u)

/** @type {(value: string) => boolean} */
const isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u)

/** @type {(value: string) => boolean} */
const isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u)

const BYTE_HEX = new Array(256)
{
  const HEX_DIGITS = '0123456789ABCDEF'
  for (let i = 0; i < 256; i++) {
    BYTE_HEX[i] = '%' + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 0xF]
  }
}
function percentEncodeNonAscii (cp) {
  if (cp < 0x800) {
    return BYTE_HEX[0xC0 | (cp >> 6)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  if (cp < 0x10000) {
    return BYTE_HEX[0xE0 | (cp >> 12)] +
           BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  return BYTE_HEX[0xF0 | (cp >> 18)] +
         BYTE_HEX[0x80 | ((cp >> 12) & 0x3F)] +
         BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
         BYTE_HEX[0x80 | (cp & 0x3F)]
}

/**
 * @param {Array<string>} input
 * @returns {string}
 */
function stringArrayToHexStripped (input) {
  let acc = ''
  let code = 0
  let i = 0

  for (i = 0; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (code === 48) {
      continue
    }
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
    break
  }

  for (i += 1; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
  }
  return acc
}

/** @type {(value: string) => boolean} */
const isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/)

/** @type {(value: string) => boolean} */
const isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/)

/** @type {(value: string) => boolean} */
const isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/)

/**
 * @param {string} value
 * @returns {boolean}
 */
const nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u)

/**
 * @param {string} zone
 * @returns {boolean}
 */
function isZoneIdentifier (zone) {
  if (zone.length === 0) return false

  for (let i = 0; i < zone.length; i++) {
    if (isZoneCharacter(zone[i])) continue
    if (zone[i] === '%' && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
      i += 2
      continue
    }
    return false
  }

  return true
}

/**
 * Compresses the longest run of zero hextets to "::" per RFC 5952. A run of a
 * single zero hextet is left uncompressed. On ties the leftmost run wins.
 *
 * @param {string[]} hextets
 * @returns {string}
 */
function compressIPv6ZeroRun (hextets) {
  let bestStart = -1
  let bestLength = 0
  let runStart = -1
  let runLength = 0
  for (let i = 0; i < hextets.length; i++) {
    if (hextets[i] === '0') {
      if (runStart === -1) runStart = i
      runLength++
      if (runLength > bestLength) {
        bestLength = runLength
        bestStart = runStart
      }
    } else {
      runStart = -1
      runLength = 0
    }
  }

  if (bestLength < 2) return hextets.join(':')

  const head = hextets.slice(0, bestStart).join(':')
  const tail = hextets.slice(bestStart + bestLength).join(':')
  return head + '::' + tail
}

/**
 * Validates an IPv6 address against the alternatives in RFC 3986 section
 * 3.2.2 and returns the same address with leading hextet zeroes removed.
 * An embedded IPv4 address counts as two hextets and is only valid at the end.
 *
 * @param {string} input
 * @returns {string|undefined}
 */
function normalizeIPv6Address (input) {
  const compression = input.indexOf('::')
  if (compression !== -1 && input.indexOf('::', compression + 1) !== -1) return undefined

  const left = compression === -1 ? input.split(':') : input.slice(0, compression).split(':')
  const right = compression === -1 ? [] : input.slice(compression + 2).split(':')
  if (compression !== -1) {
    if (left.length === 1 && left[0] === '') left.length = 0
    if (right.length === 1 && right[0] === '') right.length = 0
  }

  const parts = left.concat(right)
  let hextetCount = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (part === '') return undefined

    if (part.indexOf('.') !== -1) {
      if (i !== parts.length - 1 || (compression !== -1 && right.length === 0) || !isIPv4(part)) return undefined
      hextetCount += 2
      continue
    }

    if (!isHextet(part)) return undefined
    parts[i] = parseInt(part, 16).toString(16)
    hextetCount++
  }

  if (compression === -1) {
    if (hextetCount !== 8) return undefined
    return compressIPv6ZeroRun(parts)
  }
  if (hextetCount >= 8) return undefined

  // expand "::" then re-compress the longest run for a canonical result
  const expanded = parts.slice(0, left.length)
  for (let i = hextetCount; i < 8; i++) expanded.push('0')
  for (let i = left.length; i < parts.length; i++) expanded.push(parts[i])
  return compressIPv6ZeroRun(expanded)
}

/**
 * @typedef {Object} NormalizeIPv6Result
 * @property {string} host - The normalized host.
 * @property {string} [escapedHost] - The escaped host.
 * @property {boolean} isIPV6 - Indicates if the host is an IPv6 address.
 * @property {boolean} [isIPVFuture] - Indicates if the host is an IPvFuture literal.
 * @property {boolean} [error] - Indicates if a bracketed IP literal is malformed.
 */

/**
 * Validates and normalizes a bracketed IP literal. Raw zone separators remain
 * accepted for backwards compatibility, while encoded separators and zone
 * contents follow RFC 6874.
 *
 * @param {string} host
 * @returns {NormalizeIPv6Result}
 */
function normalizeIPv6 (host) {
  const bracketed = host[0] === '[' && host[host.length - 1] === ']'
  const hasBracket = host[0] === '[' || host[host.length - 1] === ']'
  if (hasBracket && !bracketed) return { host, isIPV6: false, error: true }

  let input = bracketed ? host.slice(1, -1) : host
  if (bracketed && isIPvFuture(input)) {
    input = input.toLowerCase()
    return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true }
  }

  if (findToken(input, ':') < 2) {
    return { host, isIPV6: false, error: bracketed }
  }

  let zoneIdentifier = ''
  const zoneSeparator = input.indexOf('%')
  if (zoneSeparator !== -1) {
    const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === '%25' ? 3 : 1
    zoneIdentifier = input.slice(zoneSeparator + separatorLength)
    if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true }
    input = input.slice(0, zoneSeparator)
  }

  const address = normalizeIPv6Address(input)
  if (address === undefined) return { host, isIPV6: false, error: true }

  return {
    host: address + (zoneIdentifier ? '%' + zoneIdentifier : ''),
    escapedHost: address + (zoneIdentifier ? '%25' + zoneIdentifier : ''),
    isIPV6: true
  }
}

/**
 * @param {string} str
 * @param {string} token
 * @returns {number}
 */
function findToken (str, token) {
  let ind = 0
  for (let i = 0; i < str.length; i++) {
    if (str[i] === token) ind++
  }
  return ind
}

/**
 * @param {string} path
 * @returns {string}
 *
 * @see https://datatracker.ietf.org/doc/html/rfc3986#section-5.2.4
 */
function removeDotSegments (path) {
  let input = path
  const output = []
  let nextSlash = -1
  let len = 0

  // eslint-disable-next-line no-cond-assign
  while (len = input.length) {
    if (len === 1) {
      if (input === '.') {
        break
      } else if (input === '/') {
        output.push('/')
        break
      } else {
        output.push(input)
        break
      }
    } else if (len === 2) {
      if (input[0] === '.') {
        if (input[1] === '.') {
          break
        } else if (input[1] === '/') {
          input = input.slice(2)
          continue
        }
      } else if (input[0] === '/') {
        if (input[1] === '.' || input[1] === '/') {
          output.push('/')
          break
        }
      }
    } else if (len === 3) {
      if (input === '/..') {
        if (output.length !== 0) {
          output.pop()
        }
        output.push('/')
        break
      }
    }
    if (input[0] === '.') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(3)
          continue
        }
      } else if (input[1] === '/') {
        input = input.slice(2)
        continue
      }
    } else if (input[0] === '/') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(2)
          continue
        } else if (input[2] === '.') {
          if (input[3] === '/') {
            input = input.slice(3)
            if (output.length !== 0) {
              output.pop()
            }
            continue
          }
        }
      }
    }

    // Rule 2E: Move normal path segment to output
    if ((nextSlash = input.indexOf('/', 1)) === -1) {
      output.push(input)
      break
    } else {
      output.push(input.slice(0, nextSlash))
      input = input.slice(nextSlash)
    }
  }

  return output.join('')
}

/**
 * Removes dot segments from the path of a relative reference (a path that does
 * not start with "/") without changing what it resolves to against any base.
 * Unlike `removeDotSegments`, leading ".." segments that cannot be collapsed
 * are kept, the result never becomes root-relative, and a result that would be
 * empty or start with an empty segment is prefixed with "." (an empty path
 * means "same document" and a leading "//" would introduce an authority).
 *
 * @param {string} path
 * @returns {string}
 */
function removeDotSegmentsRelative (path) {
  if (path === '' || path[0] === '/') {
    return removeDotSegments(path)
  }

  const segments = path.split('/')
  const last = segments.length - 1
  /** @type {string[]} */
  const output = []
  let trailingDirectory = false

  for (let i = 0; i <= last; i++) {
    const segment = segments[i]
    if (segment === '.' || segment === '..') {
      if (segment === '..') {
        if (output.length !== 0 && output[output.length - 1] !== '..') {
          output.pop()
        } else {
          output.push('..')
        }
      }
      trailingDirectory = i === last
    } else {
      output.push(segment)
    }
  }

  if (trailingDirectory && output[output.length - 1] !== '..') {
    output.push('')
  }
  if (output.length === 0 || output[0] === '' || output[0].includes(':')) {
    // An empty path, a leading empty segment ("//"), or a first segment
    // containing ":" (which would be mistaken for a scheme, RFC 3986 section
    // 4.2) must stay behind a "." segment so the reference keeps its meaning.
    output.unshift('.')
  }

  return output.join('/')
}

/**
 * Re-escape RFC 3986 gen-delims that must not appear literally in the host.
 * After the URI regex parses, these characters cannot be literal in the host
 * field, so any that appear after decoding came from percent-encoding and
 * must be restored to prevent authority structure changes.
 *
 * @param {string} host
 * @param {boolean} isIP - true for IPv4/IPv6 hosts (skip colon re-escaping)
 * @returns {string}
 */
const HOST_DELIMS = { '@': '%40', '/': '%2F', '?': '%3F', '#': '%23', ':': '%3A' }
const HOST_DELIM_RE = /[@/?#:]/g
const HOST_DELIM_NO_COLON_RE = /[@/?#]/g

function reescapeHostDelimiters (host, isIP) {
  const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE
  re.lastIndex = 0
  return host.replace(re, (ch) => HOST_DELIMS[ch])
}

/**
 * Normalizes percent escapes and optionally decodes only unreserved ASCII bytes.
 * Reserved delimiters such as `%2F` stay escaped; `%2E` is unreserved.
 *
 * @param {string} input
 * @param {boolean} [decodeUnreserved=false]
 * @returns {string}
 */
function normalizePercentEncoding (input, decodeUnreserved = false) {
  if (input.indexOf('%') === -1) {
    return input
  }

  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decodeUnreserved && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    output += input[i]
  }

  return output
}

/**
 * Normalizes path data without turning reserved escapes into live path syntax.
 * Valid escapes are uppercased, raw unsafe characters are escaped, and only
 * unreserved bytes that are not `.` are decoded.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizePathEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decoded !== '.' && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isPathCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Serializes a path without rewriting reserved data. Raw RFC 3986 path
 * characters remain literal, valid escapes are preserved and uppercased, and
 * everything else is UTF-8 percent-encoded. In a path-noscheme, a colon in the
 * first segment must be escaped so the result cannot be parsed as a scheme.
 *
 * @param {string} input
 * @param {boolean} [pathNoScheme=false]
 * @returns {string}
 */
function serializePathEncoding (input, pathNoScheme = false) {
  let output = ''
  let firstSegment = pathNoScheme && input[0] !== '/'

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (ch === '/') {
      firstSegment = false
    }

    if (isPathCharacter(ch) && (ch !== ':' || !firstSegment)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Percent-encodes a URI component using its RFC 3986 literal character set.
 * Existing valid escapes are preserved and normalized to uppercase hex.
 *
 * @param {string} input
 * @param {(value: string) => boolean} isAllowed
 * @returns {string}
 */
function encodeComponent (input, isAllowed) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (isAllowed(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Encodes userinfo while preserving its RFC 3986 §3.2.1 literal characters.
 * In particular, authority delimiters such as `@`, `/`, `?`, and `#` are data.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeUserinfo (input) {
  return encodeComponent(input, isUserinfoCharacter)
}

/**
 * Encodes query data using the RFC 3986 §3.4 grammar. A literal `#` must be
 * escaped because it would otherwise begin the fragment component.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeQuery (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

/**
 * Encodes fragment data using the RFC 3986 §3.5 grammar.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeFragment (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

function isEscapeSafe (cp) {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5A) ||
    (cp >= 0x61 && cp <= 0x7A) ||
    cp === 0x2A || cp === 0x2B || cp === 0x2D || cp === 0x2E ||
    cp === 0x2F || cp === 0x40 || cp === 0x5F
  )
}

/**
 * Normalizes the percent-encoding of a query or fragment component.
 *
 * Like `normalizePathEncoding`, but uses the query/fragment character set
 * (which additionally allows `?`) and decodes `.` since it has no dot-segment
 * meaning outside of a path.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizeQueryFragmentEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isQueryFragmentCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Escapes a component while preserving existing valid percent escapes.
 *
 * @param {string} input
 * @returns {string}
 */
function escapePreservingEscapes (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    output += escape(input[i])
  }

  return output
}

/**
 * @param {import('../types/index').URIComponent} component
 * @returns {string|undefined}
 */
function recomposeAuthority (component) {
  const uriTokens = []

  if (component.userinfo !== undefined) {
    uriTokens.push(encodeUserinfo(component.userinfo))
    uriTokens.push('@')
  }

  if (component.host !== undefined) {
    let host = component.host
    if (!isIPv4(host)) {
      let ipV6res = normalizeIPv6(host)
      if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
        // Decode only unreserved bytes, once. In particular, keep %25 encoded
        // so it cannot introduce a second escape during recomposition.
        host = normalizePercentEncoding(host, true)
        ipV6res = normalizeIPv6(host)
      }
      if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
        host = `[${ipV6res.escapedHost}]`
      } else {
        host = reescapeHostDelimiters(host, false)
      }
    }
    uriTokens.push(host)
  }

  if (typeof component.port === 'number' || typeof component.port === 'string') {
    const port = String(component.port)
    if (!isPort(port)) {
      throw new TypeError('URI port is malformed.')
    }
    uriTokens.push(':')
    uriTokens.push(port)
  }

  return uriTokens.length ? uriTokens.join('') : undefined
};

module.exports = {
  nonSimpleDomain,
  recomposeAuthority,
  reescapeHostDelimiters,
  normalizePercentEncoding,
  normalizePathEncoding,
  serializePathEncoding,
  normalizeQueryFragmentEncoding,
  encodeUserinfo,
  encodeQuery,
  encodeFragment,
  escapePreservingEscapes,
  removeDotSegments,
  removeDotSegmentsRelative,
  isIPv4,
  isUUID,
  normalizeIPv6,
  stringArrayToHexStripped
}


/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(5402);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(5407);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(5407);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(5402);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(5407);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 5407:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(5407);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(5407);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 5402:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(9210);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(5402);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
__webpack_unused_export__ = identity.isMap;
__webpack_unused_export__ = identity.isNode;
__webpack_unused_export__ = identity.isPair;
__webpack_unused_export__ = identity.isScalar;
__webpack_unused_export__ = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
__webpack_unused_export__ = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
exports.qg = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
__webpack_unused_export__ = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(5402);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 9210:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ }),

/***/ 3837:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$id":"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#","description":"Meta-schema for $data reference (JSON AnySchema extension proposal)","type":"object","required":["$data"],"properties":{"$data":{"type":"string","anyOf":[{"format":"relative-json-pointer"},{"format":"json-pointer"}]}},"additionalProperties":false}');

/***/ }),

/***/ 2079:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://json-schema.org/draft-07/schema#","title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items":{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string","format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/definitions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"required":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{"$ref":"#"},"const":true,"enum":{"type":"array","items":true,"minItems":1,"uniqueItems":true},"type":{"anyOf":[{"$ref":"#/definitions/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueItems":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArray"},"not":{"$ref":"#"}},"default":true}');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
