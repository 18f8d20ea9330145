#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(791);

process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 791:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
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
            head = Buffer.concat([head, chunk]);
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
    let filling = Buffer.allocUnsafe(CHUNK_BYTES);
    let spare = Buffer.allocUnsafe(CHUNK_BYTES);
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

;// CONCATENATED MODULE: ./src/plan/diff.ts
// The attribute-level diff of one object (before → after), as short display text with secrets already masked.


const MAX_ATTRIBUTES = 40;
const MAX_VALUE_CHARS = 160;
const MAX_LIST_ITEMS = 5;
const UNKNOWN = '(known after apply)';
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
function formatPath(path) {
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            text += `[${segment}]`;
        else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment))
            text += text ? `.${segment}` : segment;
        else
            text += `[${JSON.stringify(segment)}]`;
    }
    return text;
}
/** The path as Terraform counts it: a keyed block at its position in the list after (before, if removed). */
const positional = (path) => path.map((s) => (typeof s === 'object' ? (s.after ?? s.before) : s));
/** The path a reviewer reads: `rule[name="Allow admins"].access` for a keyed block. */
function displayPath(path) {
    let text = '';
    for (const segment of path) {
        if (typeof segment === 'object')
            text += `[${segment.by}=${JSON.stringify(segment.key)}]`;
        else
            text += formatPath([segment]).replace(/^(?=[A-Za-z_])/, text ? '.' : '');
    }
    return text;
}
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
    return shorten(`[${list.map((v, i) => (unknown[i] === true ? UNKNOWN : JSON.stringify(v))).join(',')}]`);
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
        attributes.push({ path: displayPath(path), before, after, forcesReplacement });
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
                emit(path, before == null ? null : REDACTED, UNKNOWN);
            else if (!deepEqual(before, after))
                emit(path, before == null ? null : REDACTED, after == null ? null : REDACTED);
            return;
        }
        if (unknown === true) {
            if (!options.creating)
                emit(path, displayValue(before, shorten), UNKNOWN);
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


const fingerprint_UNKNOWN = { unknown: 'known after apply' };
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
        return fingerprint_UNKNOWN;
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
/** Reads one object's values, refused (naming `address`) when too large or too deep for the summary to walk. */
function readValues(address, read) {
    let values;
    try {
        values = read();
    }
    catch (e) {
        if (!(e instanceof ValueTooLarge))
            throw e;
        throw new ActionError('plan-failed', `${address}: ${e.message} is longer than Node.js can read as one string (${external_node_buffer_namespaceObject.constants.MAX_STRING_LENGTH} characters), so this plan can't be reviewed: keep such data out of Terraform values (a file the resource reads, a data source)`);
    }
    for (const part of Object.values(values)) {
        const depth = nestingDepth(part, MAX_VALUE_DEPTH);
        if (depth > MAX_VALUE_DEPTH) {
            throw new ActionError('plan-failed', `${address}: a value nests more than ${MAX_VALUE_DEPTH} levels deep, deeper than the review reads, so this plan can't be reviewed: flatten it (Okta's own schemas nest under 20)`);
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
    let depth = 0;
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
/** Decodes the JSON string token buf[start, end) (quotes included). */
function decodeString(buf, start, end) {
    for (let i = start + 1; i < end - 1; i++) {
        if (buf[i] === BACKSLASH)
            return JSON.parse(buf.toString('utf8', start, end));
    }
    return buf.toString('utf8', start + 1, end - 1);
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
/** Keys matched against raw key bytes, so keys nobody asked for are never decoded. */
class KeySlots {
    byLength = new Map();
    byKey = new Map();
    constructor(keys) {
        for (const [key, slot] of keys) {
            const bytes = Buffer.from(key);
            this.byKey.set(key, slot);
            this.byLength.set(bytes.length, [...(this.byLength.get(bytes.length) ?? []), { bytes, slot }]);
        }
    }
    /** The slot of the string token buf[start, end) (quotes included), or -1 when nobody asked for that key. */
    match(buf, start, end) {
        const candidates = this.byLength.get(end - start - 2);
        if (candidates) {
            for (const { bytes, slot } of candidates) {
                let i = 0;
                while (i < bytes.length && bytes[i] === buf[start + 1 + i])
                    i++;
                if (i === bytes.length)
                    return slot;
            }
        }
        // An escaped key (\u0061ctions) has another length: decode it to be sure.
        for (let i = start + 1; i < end - 1; i++) {
            if (buf[i] === BACKSLASH)
                return this.byKey.get(decodeString(buf, start, end)) ?? -1;
        }
        return -1;
    }
}
/**
 * Where the wanted members of one object are, found in one pass: top-level keys, and the keys of one level of
 * nested objects ("change.actions"). One index serves every element of an array in turn: read it inside the
 * handler, before the next element is indexed.
 */
class ObjectIndex {
    slots = new Map();
    top;
    nested = new Map();
    /** Byte offsets: a Float64Array, exact past 2 GiB, where 32-bit offsets wrap. */
    ranges;
    constructor(keys, nested = {}) {
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
    has(slot) {
        return this.ranges[slot * 2] >= 0;
    }
    /** Parses the member in `slot`, or undefined when the object has no such member. */
    parse(buf, slot) {
        const start = this.ranges[slot * 2];
        return start < 0 ? undefined : parseRange(buf, start, this.ranges[slot * 2 + 1]);
    }
    /** True when the member in `slot` is exactly `text` (a fast check before parsing compact JSON). */
    equals(buf, slot, text) {
        const start = this.ranges[slot * 2];
        const end = this.ranges[slot * 2 + 1];
        return start >= 0 && end - start === text.length && buf.compare(text, 0, text.length, start, end) === 0;
    }
    /** Indexes the object at `pos`; returns its end, or -1 when `buf` ends before it. Not an object: nothing found. */
    index(buf, pos, end) {
        this.ranges.fill(-1);
        return this.indexLevel(buf, pos, end, this.top);
    }
    indexLevel(buf, pos, end, keys) {
        let i = skipWhitespace(buf, pos, end);
        if (i >= end)
            return -1;
        if (buf[i] !== OPEN_BRACE)
            return valueEndOrNeedMore(buf, i, end);
        i = skipWhitespace(buf, i + 1, end);
        if (i >= end)
            return -1;
        if (buf[i] === CLOSE_BRACE)
            return i + 1;
        for (;;) {
            if (i >= end)
                return -1;
            if (buf[i] !== QUOTE)
                throw new JsonSyntaxError('expected a key in an object');
            const keyEnd = stringEnd(buf, i, end);
            if (keyEnd < 0)
                return -1;
            const slot = keys.match(buf, i, keyEnd);
            i = skipWhitespace(buf, keyEnd, end);
            if (i >= end)
                return -1;
            if (buf[i] !== COLON)
                throw new JsonSyntaxError("expected ':' after a key");
            const valueStart = skipWhitespace(buf, i + 1, end);
            if (valueStart >= end)
                return -1;
            const inner = slot >= 0 && keys === this.top ? this.nested.get(slot) : undefined;
            const after = inner
                ? this.indexLevel(buf, valueStart, end, inner)
                : valueEndOrNeedMore(buf, valueStart, end);
            if (after < 0)
                return -1;
            if (slot >= 0) {
                this.ranges[slot * 2] = valueStart;
                this.ranges[slot * 2 + 1] = after;
            }
            i = skipWhitespace(buf, after, end);
            if (i >= end)
                return -1;
            if (buf[i] === CLOSE_BRACE)
                return i + 1;
            if (buf[i] !== COMMA)
                throw new JsonSyntaxError("expected ',' or '}' after a value");
            i = skipWhitespace(buf, i + 1, end);
        }
    }
}

;// CONCATENATED MODULE: ./src/plan/indexed-resources.ts
// The parts of a plan a visitor is handed: resource changes and prior-state resources, read through a one-pass
// index of their bytes and parsed only when asked for, because most entries of a plan are no-ops, read for counts.

function str(value) {
    return typeof value === 'string' ? value : null;
}
function stringList(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
const NO_OP = Buffer.from('["no-op"]');
const MANAGED = Buffer.from('"managed"');
const NO_OP_ACTIONS = Object.freeze(['no-op']);
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
            : (str(index.parse(buf, slots.mode)) ?? 'managed');
    }
    parse(slot) {
        return this.fields.index.parse(this.buf, slot);
    }
    get address() {
        return str(this.parse(this.fields.slots.address)) ?? '';
    }
    get previousAddress() {
        const slot = this.fields.slots.previousAddress;
        return this.fields.index.has(slot) ? str(this.parse(slot)) : null;
    }
    get type() {
        return str(this.parse(this.fields.slots.type)) ?? '';
    }
    get deposed() {
        return str(this.parse(this.fields.slots.deposed));
    }
    get actionReason() {
        return str(this.parse(this.fields.slots.actionReason));
    }
    get importing() {
        return this.importTarget !== null;
    }
    get importTarget() {
        const slot = this.fields.slots.importing;
        return this.fields.index.has(slot) ? this.parse(slot) : null;
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
    id;
    constructor(attributes) {
        this.index = new ObjectIndex(['address', 'type'], { values: ['id', ...attributes] });
        this.address = this.index.slot('address');
        this.type = this.index.slot('type');
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
        return str(this.fields.index.parse(this.buf, this.fields.address)) ?? '';
    }
    get type() {
        return str(this.fields.index.parse(this.buf, this.fields.type)) ?? '';
    }
    value(attribute) {
        const slot = attribute === 'id' ? this.fields.id : this.fields.index.slot(`values.${attribute}`);
        return this.fields.index.parse(this.buf, slot);
    }
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
    const fields = new PriorIndex(visitor.priorAttributes);
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
class SummaryBuilder {
    fingerprint;
    scrubber;
    terraform = emptyTerraformCounts();
    objects = emptyObjectCounts();
    /** Each summary's name is filled in once every change has been read (names refer to other objects). */
    changes = [];
    drifted = [];
    /** One object per ID (Okta IDs are unique in an org). */
    prior = new Map();
    config = new Map();
    priorAttributes = nameAttributes();
    outputChanges = 0;
    constructor(fingerprint, scrubber) {
        this.fingerprint = fingerprint;
        this.scrubber = scrubber;
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
            if (event.actions.includes('read'))
                this.objects.read++;
            return;
        }
        const moved = isMove(event.address, event.previousAddress);
        const managed = { actions: event.actions, importing: event.importing, moved };
        countTerraform(managed, this.terraform);
        countObjects(managed, this.objects);
        if (!isChange(managed))
            return;
        const info = lookupType(event.type);
        const values = readValues(event.address, () => event.values());
        this.fingerprint.addChange(changeIdentity(event, moved), event.actions, values, event.importTarget);
        const action = objectAction(event.actions);
        const diff = this.diff(info, values, action);
        const cause = action === 'replace' ? replaceCause(event.actionReason, forcingAttributes(diff)) : null;
        const risk = assessRisk(info, action, cause);
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
            replaceOrder: replaceOrder(event.actions),
            importing: event.importing,
            previousAddress: moved ? event.previousAddress : null,
            highRisk: risk.highRisk,
            riskReasons: risk.reasons,
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
    priorResource(event) {
        if (this.changesSeen && this.wantedIds.size === 0)
            return;
        const id = event.value('id');
        // By type and ID: in okta/okta an app's group assignment and a group's memberships take the group's own ID.
        const key = `${event.type}\u0000${String(id)}`;
        if (typeof id !== 'string' || !id || this.prior.has(key) || (this.changesSeen && !this.wantedIds.has(id)))
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
        const refs = new Map();
        const constants = new Map();
        for (const p of this.placeholders(lookupType(resource.type))) {
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
        if (refs.size || constants.size)
            this.config.set(resource.address, { refs, constants });
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
    const builder = new SummaryBuilder(options.fingerprint ?? new FingerprintBuilder(), options.scrubber ?? new SecretScrubber());
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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
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
function table(header, align, rows) {
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

;// CONCATENATED MODULE: ./src/render/review.ts
// The review: what a plan does to an Okta org, in Okta's terms, as markdown for a PR comment or a job summary.
// Risky changes first, then changes made outside Terraform, then every changed object by category, then the
// attribute-level diff. It always fits its budget: full → names only → counts only.



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
    return table(['Okta category', ...columns.map((c) => c.title)], ['left', ...columns.map(() => 'right')], rows);
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
function changesByCategory(summary) {
    const blocks = ['#### Changes by category'];
    for (const { category } of summary.categories) {
        const items = summary.changes.filter((c) => c.category === category).map((c) => `- ${objectLine(c)}`);
        // A blank line on each side: a bold line right after a list would continue its last item.
        blocks.push(`**${escapeText(category)}**\n\n${items.join('\n')}`);
    }
    return blocks.join('\n\n');
}
function render(summary, context, detail) {
    const blocks = [...header(summary, context), ...headline(summary)];
    const counts = categoryTable(summary);
    if (counts)
        blocks.push(counts);
    const risky = riskySection(summary.changes, detail === 'counts' ? MAX_RISKY_IN_COUNTS : Infinity);
    if (risky.length)
        blocks.push(risky.join('\n'));
    const drift = driftSection(summary, detail);
    if (drift.length)
        blocks.push(drift.join('\n'));
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

;// CONCATENATED MODULE: ./src/cli/main.ts
// okta-tf: the action's core on the command line.
//   okta-tf summarize PLAN_JSON|- [--format markdown|json] [--out FILE] [--directory DIR] [--workspace NAME]







const USAGE = `Usage: okta-tf summarize PLAN_JSON|- [options]

Summarizes a \`terraform show -json PLANFILE\` output in Okta's terms (use - to read stdin).

Options:
  --format markdown|json  markdown: the review comment the action posts (default); json: the summary
  --out FILE              write to FILE instead of stdout
  --directory DIR         the Terraform directory named in the review (default .)
  --workspace NAME        the Terraform workspace named in the review (default: TF_WORKSPACE or "default")
  -h, --help              show this help`;
class UsageError extends Error {
}
function parse(argv) {
    const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
        args: [...argv],
        allowPositionals: true,
        options: {
            format: { type: 'string', default: 'markdown' },
            out: { type: 'string' },
            directory: { type: 'string', default: '.' },
            workspace: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false },
        },
    });
    if (values.help)
        return 'help';
    const [command, plan, ...extra] = positionals;
    if (command !== 'summarize')
        throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
    if (!plan)
        throw new UsageError('missing PLAN_JSON (a file, or - for stdin)');
    if (extra.length)
        throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (values.format !== 'markdown' && values.format !== 'json') {
        throw new UsageError(`--format must be markdown or json, not "${values.format}"`);
    }
    return {
        plan,
        format: values.format,
        out: values.out ?? null,
        directory: values.directory,
        workspace: values.workspace ?? (process.env.TF_WORKSPACE || 'default'),
    };
}
async function summarize(options) {
    const summary = await summarizePlan(await openPlan(options.plan), { env: process.env });
    if (options.format === 'json') {
        if (options.out)
            await writeSummaryJson(options.out, summary);
        else
            await printSummaryJson(summary);
        return;
    }
    const { markdown } = renderReview(summary, {
        directory: options.directory,
        workspace: options.workspace,
        moreAt: 'the JSON summary (`okta-tf summarize PLAN --format json`)',
        budget: COMMENT_BUDGET,
    });
    if (options.out)
        await (0,promises_namespaceObject.writeFile)(options.out, markdown);
    else
        process.stdout.write(markdown);
}
/** Runs the CLI; returns the exit code. Errors are one line on stderr, never a stack trace. */
async function main(argv) {
    try {
        const options = parse(argv);
        if (options === 'help') {
            process.stdout.write(`${USAGE}\n`);
            return 0;
        }
        await summarize(options);
        return 0;
    }
    catch (e) {
        const usage = e instanceof UsageError ||
            (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
        const prefix = e instanceof ActionError || usage ? '' : 'unexpected error (please report it): ';
        process.stderr.write(`okta-tf: ${prefix}${errorMessage(e)}${usage ? ' (see okta-tf --help)' : ''}\n`);
        return 1;
    }
}


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
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
