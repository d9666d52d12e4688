/**
 * GENERATED FILE: do not edit. The console's API types, from the server's OpenAPI document
 * (GET /openapi.json) by openapi-typescript. Regenerate after changing a route schema:
 *
 *   npm run api:types
 *
 * (scripts/openapi-types.ts; web/src/api/schema.test.ts fails while this file is stale.)
 */

export interface paths {
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log: who read or changed what, when, from where (filters: who, action, object type, date range) */
        get: {
            parameters: {
                query?: {
                    entity_type?: "person" | "case" | "concern" | "household" | "account" | "session" | "referral" | "partner" | "agreement" | "device" | "api_key" | "alert" | "checkin" | "photo" | "settings" | "notification" | "route" | "kpi" | "audit_log";
                    action?: "read" | "create" | "update" | "triage" | "merge" | "search" | "login" | "login_failed" | "logout" | "export" | "password_change" | "denied";
                    entity_id?: string;
                    account_id?: string;
                    before?: string;
                    from?: string;
                    to?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** Format: date-time */
                                at: string;
                                account_id: string | null;
                                account_name: string | null;
                                role: string | null;
                                action: string;
                                entity_type: string;
                                entity_id: string | null;
                                ip: string | null;
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The filtered audit log as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); the export is itself audited */
        get: {
            parameters: {
                query?: {
                    entity_type?: "person" | "case" | "concern" | "household" | "account" | "session" | "referral" | "partner" | "agreement" | "device" | "api_key" | "alert" | "checkin" | "photo" | "settings" | "notification" | "route" | "kpi" | "audit_log";
                    action?: "read" | "create" | "update" | "triage" | "merge" | "search" | "login" | "login_failed" | "logout" | "export" | "password_change" | "denied";
                    entity_id?: string;
                    account_id?: string;
                    from?: string;
                    to?: string;
                    format?: "xlsx" | "csv";
                    encoding?: "utf-8" | "shift_jis";
                    calendar?: "western" | "japanese";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password (and the municipality, when the server asks for it with 409 tenant_required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        tenant?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            account_id: string;
                            /** Format: uuid */
                            tenant_id: string;
                            tenant_slug: string;
                            tenant_name: string;
                            email: string | null;
                            display_name: string;
                            /** @enum {string} */
                            role: "hub_staff" | "hub_lead" | "outreach" | "partner" | "supporter" | "coordinator" | "counselor" | "helper" | "analyst" | "admin";
                            permissions: string[];
                            hub_id: string | null;
                            locale: string;
                            csrf_token: string;
                            password_change_required: boolean;
                            /** Format: uuid */
                            device_id?: string;
                        } & {
                            /** Format: date-time */
                            expires_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in account (or enrolled phone), its permissions and CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            account_id: string;
                            /** Format: uuid */
                            tenant_id: string;
                            tenant_slug: string;
                            tenant_name: string;
                            email: string | null;
                            display_name: string;
                            /** @enum {string} */
                            role: "hub_staff" | "hub_lead" | "outreach" | "partner" | "supporter" | "coordinator" | "counselor" | "helper" | "analyst" | "admin";
                            permissions: string[];
                            hub_id: string | null;
                            locale: string;
                            csrf_token: string;
                            password_change_required: boolean;
                            /** Format: uuid */
                            device_id?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my own password (current and new); ends my other sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff accounts of the tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                email: string;
                                display_name: string;
                                role: string;
                                hub_id: string | null;
                                disabled: boolean;
                                password_change_required: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a staff account (admin); without a password, a one-time password is made, returned once, and must be changed at first login */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        display_name: string;
                        /** @enum {string} */
                        role: "hub_staff" | "hub_lead" | "outreach" | "partner" | "supporter" | "coordinator" | "counselor" | "helper" | "analyst" | "admin";
                        password?: string;
                        /** Format: uuid */
                        hub_id?: string | null;
                        /** Format: uuid */
                        partner_id?: string | null;
                        /** @enum {string} */
                        locale?: "ja" | "en";
                        password_change_required?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            display_name: string;
                            role: string;
                            hub_id: string | null;
                            disabled: boolean;
                            password_change_required: boolean;
                        } & {
                            one_time_password?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change role, hub, password; disable or enable (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        /** @enum {string} */
                        role?: "hub_staff" | "hub_lead" | "outreach" | "partner" | "supporter" | "coordinator" | "counselor" | "helper" | "analyst" | "admin";
                        password?: string;
                        /** Format: uuid */
                        hub_id?: string | null;
                        /** Format: uuid */
                        partner_id?: string | null;
                        /** @enum {string} */
                        locale?: "ja" | "en";
                        password_change_required?: boolean;
                        disabled?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            display_name: string;
                            role: string;
                            hub_id: string | null;
                            disabled: boolean;
                            password_change_required: boolean;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/accounts/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a one-time password (shown once) that the person must replace at their next login; ends their sessions (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                id: string;
                                email: string;
                                display_name: string;
                                role: string;
                                hub_id: string | null;
                                disabled: boolean;
                                password_change_required: boolean;
                            };
                            one_time_password: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concern-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Concern categories, labelled in the caller's language */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                label: string;
                                priority: number;
                                labels: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Urgency targets (hours from receipt to first contact) and concern categories */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            urgency_targets_hours: {
                                emergency: number;
                                high: number;
                                normal: number;
                                low: number;
                            };
                            categories: {
                                code: string;
                                priority: number;
                                labels: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change urgency targets or the concern category list (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        urgency_targets_hours?: {
                            emergency?: number;
                            high?: number;
                            normal?: number;
                            low?: number;
                        };
                        categories?: {
                            code: string;
                            priority: number;
                            labels: {
                                [key: string]: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            urgency_targets_hours: {
                                emergency: number;
                                high: number;
                                normal: number;
                                low: number;
                            };
                            categories: {
                                code: string;
                                priority: number;
                                labels: {
                                    [key: string]: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Areas (町丁目) of the tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                code: string;
                                name: string;
                                population: number | null;
                                households: number | null;
                                hub_id: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/areas.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Areas as a GeoJSON FeatureCollection */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hubs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hubs (見守りハブ) of the tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                phone: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** File a concern (気づき). Retry-safe with Idempotency-Key. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category: string;
                        description?: string;
                        /** Format: date-time */
                        observed_at?: string;
                        place_text?: string;
                        latitude?: number;
                        longitude?: number;
                        /** @enum {string} */
                        channel?: "web" | "phone" | "counter" | "email" | "other";
                        /** @enum {string} */
                        reporter_kind?: "staff" | "partner" | "supporter" | "resident";
                        anonymous?: boolean;
                        callback_contact?: string;
                        /** Format: uuid */
                        person_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            reference: string;
                            /** Format: date-time */
                            received_at: string;
                            status: string;
                            category: string;
                            outside_area: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own reports with a coarse status */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                reference: string;
                                category: string;
                                place_text: string;
                                /** Format: date-time */
                                received_at: string;
                                status: "received" | "being_handled" | "closed";
                                thanks_message: string | null;
                                /** Format: date-time */
                                status_changed_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/mine/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events when the coarse status of the caller's own reports changes (`concern.status`, ids only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/thanks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Thank the reporter; shown in their 'my reports' */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            thanks_message: string;
                            /** Format: date-time */
                            thanked_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A concern with possible duplicates (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            reference: string;
                            category: string;
                            category_label: string;
                            priority: number;
                            description: string;
                            place_text: string;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            area_name: string | null;
                            outside_area: boolean;
                            /** Format: date-time */
                            observed_at: string;
                            /** Format: date-time */
                            received_at: string;
                            channel: string;
                            reporter_kind: string;
                            anonymous: boolean;
                            partner_name: string | null;
                            possible_duplicates: number;
                            place_unknown: boolean;
                        } & {
                            status: string;
                            callback_contact: string | null;
                            reporter_account_id: string | null;
                            reporter_partner_id: string | null;
                            reporter_name: string | null;
                            /** Format: date-time */
                            triaged_at: string | null;
                            urgency: string | null;
                            case_id: string | null;
                            person_id: string | null;
                            duplicates: {
                                /** Format: uuid */
                                id: string;
                                reference: string;
                                category: string;
                                place_text: string;
                                latitude: number | null;
                                longitude: number | null;
                                reasons: ("same_place_text" | "nearby" | "same_person" | "same_household")[];
                                /** Format: date-time */
                                received_at: string;
                                status: string;
                                case_id: string | null;
                                case_number: number | null;
                                distance_m: number | null;
                            }[];
                            nearby_cases: {
                                /** Format: uuid */
                                id: string;
                                case_number: number;
                                status: string;
                                urgency: string;
                                latitude: number;
                                longitude: number;
                                distance_m: number;
                            }[];
                            photos: {
                                id: string;
                                width: number;
                                height: number;
                                size: number;
                                content_type: string;
                            }[];
                            thanks_message: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Untriaged concerns, most urgent-looking and oldest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                reference: string;
                                category: string;
                                category_label: string;
                                priority: number;
                                description: string;
                                place_text: string;
                                latitude: number | null;
                                longitude: number | null;
                                area_id: string | null;
                                area_name: string | null;
                                outside_area: boolean;
                                /** Format: date-time */
                                observed_at: string;
                                /** Format: date-time */
                                received_at: string;
                                channel: string;
                                reporter_kind: string;
                                anonymous: boolean;
                                partner_name: string | null;
                                possible_duplicates: number;
                                place_unknown: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a concern without a case */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "dismissed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case list (same filters) as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); audited with the people it names */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "supporting" | "closed";
                    urgency?: "emergency" | "high" | "normal" | "low";
                    assignee_id?: string;
                    person_id?: string;
                    overdue?: boolean;
                    q?: string;
                    format?: "xlsx" | "csv";
                    encoding?: "utf-8" | "shift_jis";
                    calendar?: "western" | "japanese";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases; open ones by default, overdue first */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "supporting" | "closed";
                    urgency?: "emergency" | "high" | "normal" | "low";
                    assignee_id?: string;
                    person_id?: string;
                    overdue?: boolean;
                    q?: string;
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                case_number: number;
                                /** @enum {string} */
                                status: "open" | "supporting" | "closed";
                                outcome: string | null;
                                /** @enum {string} */
                                urgency: "emergency" | "high" | "normal" | "low";
                                person_id: string | null;
                                person_name: string | null;
                                household_id: string | null;
                                hub_id: string | null;
                                assignee_id: string | null;
                                assignee_name: string | null;
                                /** Format: date-time */
                                received_at: string;
                                /** Format: date-time */
                                first_contact_due_at: string;
                                /** Format: date-time */
                                first_contact_at: string | null;
                                overdue: boolean;
                                /** Format: date-time */
                                escalated_at: string | null;
                                /** Format: date-time */
                                opened_at: string;
                                /** Format: date-time */
                                closed_at: string | null;
                                concern_count: number;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case with its timeline (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            case_number: number;
                            /** @enum {string} */
                            status: "open" | "supporting" | "closed";
                            outcome: string | null;
                            /** @enum {string} */
                            urgency: "emergency" | "high" | "normal" | "low";
                            person_id: string | null;
                            person_name: string | null;
                            household_id: string | null;
                            hub_id: string | null;
                            assignee_id: string | null;
                            assignee_name: string | null;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            first_contact_due_at: string;
                            /** Format: date-time */
                            first_contact_at: string | null;
                            overdue: boolean;
                            /** Format: date-time */
                            escalated_at: string | null;
                            /** Format: date-time */
                            opened_at: string;
                            /** Format: date-time */
                            closed_at: string | null;
                            concern_count: number;
                        } & {
                            first_contact_id: string | null;
                            timeline: {
                                /** @enum {string} */
                                kind: "concern" | "contact" | "note" | "referral" | "event";
                                /** Format: uuid */
                                id: string;
                                /** Format: date-time */
                                at: string;
                                by: string | null;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Assign, change status, close with an outcome */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        assignee_id?: string | null;
                        /** @enum {string} */
                        status?: "open" | "supporting" | "closed";
                        /** @enum {string} */
                        outcome?: "connected_to_services" | "resolved" | "no_concern_found" | "moved_away" | "deceased" | "declined_support" | "other";
                        /** @enum {string} */
                        urgency?: "emergency" | "high" | "normal" | "low";
                        urgency_reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            case_number: number;
                            /** @enum {string} */
                            status: "open" | "supporting" | "closed";
                            outcome: string | null;
                            /** @enum {string} */
                            urgency: "emergency" | "high" | "normal" | "low";
                            person_id: string | null;
                            person_name: string | null;
                            household_id: string | null;
                            hub_id: string | null;
                            assignee_id: string | null;
                            assignee_name: string | null;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            first_contact_due_at: string;
                            /** Format: date-time */
                            first_contact_at: string | null;
                            overdue: boolean;
                            /** Format: date-time */
                            escalated_at: string | null;
                            /** Format: date-time */
                            opened_at: string;
                            /** Format: date-time */
                            closed_at: string | null;
                            concern_count: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/cases/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a contact (visit, phone, other); the first that reached the person is the first contact */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        method: "visit" | "phone" | "other";
                        reached: boolean;
                        settled?: boolean;
                        /** Format: date-time */
                        occurred_at: string;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            case_id: string;
                            method: string;
                            reached: boolean;
                            settled: boolean;
                            /** Format: date-time */
                            occurred_at: string;
                            /** Format: date-time */
                            recorded_at: string;
                            note: string;
                            is_first_contact: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a note */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            case_id: string;
                            body: string;
                            /** Format: date-time */
                            created_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set urgency and attach to a case (new or existing) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        urgency: "emergency" | "high" | "normal" | "low";
                        /** Format: uuid */
                        person_id?: string;
                        /** Format: uuid */
                        case_id?: string;
                        new_person?: {
                            name?: string;
                            kana?: string;
                            address?: string;
                            birth_year?: number;
                            phone?: string;
                            living_alone?: boolean;
                            latitude?: number;
                            longitude?: number;
                        };
                        /** Format: uuid */
                        household_id?: string;
                        /** Format: uuid */
                        assignee_id?: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            case_number: number;
                            /** @enum {string} */
                            status: "open" | "supporting" | "closed";
                            outcome: string | null;
                            /** @enum {string} */
                            urgency: "emergency" | "high" | "normal" | "low";
                            person_id: string | null;
                            person_name: string | null;
                            household_id: string | null;
                            hub_id: string | null;
                            assignee_id: string | null;
                            assignee_name: string | null;
                            /** Format: date-time */
                            received_at: string;
                            /** Format: date-time */
                            first_contact_due_at: string;
                            /** Format: date-time */
                            first_contact_at: string | null;
                            overdue: boolean;
                            /** Format: date-time */
                            escalated_at: string | null;
                            /** Format: date-time */
                            opened_at: string;
                            /** Format: date-time */
                            closed_at: string | null;
                            concern_count: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search people by name, kana or address (audited) */
        get: {
            parameters: {
                query: {
                    q: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                kana: string | null;
                                address: string | null;
                                birth_year: number | null;
                                living_alone: boolean | null;
                                area_name: string | null;
                                open_cases: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a person */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                        kana?: string | null;
                        address?: string | null;
                        latitude?: number | null;
                        longitude?: number | null;
                        birth_year?: number | null;
                        /** Format: date */
                        birth_date?: string | null;
                        phone?: string | null;
                        living_alone?: boolean | null;
                        /** @enum {string} */
                        care_service_use?: "unknown" | "none" | "applied" | "certified" | "using";
                        emergency_contacts?: {
                            name: string;
                            relation: string;
                            phone: string;
                        }[];
                        note?: string | null;
                        /** Format: uuid */
                        household_id?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string | null;
                            kana: string | null;
                            address: string | null;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            area_name: string | null;
                            birth_year: number | null;
                            /** Format: date */
                            birth_date: string | null;
                            age: {
                                years: number;
                                approximate: boolean;
                            } | null;
                            phone: string | null;
                            living_alone: boolean | null;
                            care_service_use: string;
                            emergency_contacts: {
                                name: string;
                                relation: string;
                                phone: string;
                            }[];
                            note: string | null;
                            household: {
                                /** Format: uuid */
                                id: string;
                                address: string | null;
                                members: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                    kana: string | null;
                                    birth_year: number | null;
                                }[];
                            } | null;
                            consents: {
                                /** Format: uuid */
                                id: string;
                                shared_with: string;
                                agency_ids: string[];
                                agency_names: string[];
                                agency_kinds: string[];
                                scope_items: string[];
                                scope: string;
                                method: string;
                                /** Format: date-time */
                                given_at: string;
                                /** Format: date-time */
                                expires_at: string | null;
                                /** Format: date-time */
                                withdrawn_at: string | null;
                                withdrawn_reason: string | null;
                                /** @enum {string} */
                                state: "active" | "expired" | "withdrawn";
                                active: boolean;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person with household and consents (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string | null;
                            kana: string | null;
                            address: string | null;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            area_name: string | null;
                            birth_year: number | null;
                            /** Format: date */
                            birth_date: string | null;
                            age: {
                                years: number;
                                approximate: boolean;
                            } | null;
                            phone: string | null;
                            living_alone: boolean | null;
                            care_service_use: string;
                            emergency_contacts: {
                                name: string;
                                relation: string;
                                phone: string;
                            }[];
                            note: string | null;
                            household: {
                                /** Format: uuid */
                                id: string;
                                address: string | null;
                                members: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                    kana: string | null;
                                    birth_year: number | null;
                                }[];
                            } | null;
                            consents: {
                                /** Format: uuid */
                                id: string;
                                shared_with: string;
                                agency_ids: string[];
                                agency_names: string[];
                                agency_kinds: string[];
                                scope_items: string[];
                                scope: string;
                                method: string;
                                /** Format: date-time */
                                given_at: string;
                                /** Format: date-time */
                                expires_at: string | null;
                                /** Format: date-time */
                                withdrawn_at: string | null;
                                withdrawn_reason: string | null;
                                /** @enum {string} */
                                state: "active" | "expired" | "withdrawn";
                                active: boolean;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a person */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                        kana?: string | null;
                        address?: string | null;
                        latitude?: number | null;
                        longitude?: number | null;
                        birth_year?: number | null;
                        /** Format: date */
                        birth_date?: string | null;
                        phone?: string | null;
                        living_alone?: boolean | null;
                        /** @enum {string} */
                        care_service_use?: "unknown" | "none" | "applied" | "certified" | "using";
                        emergency_contacts?: {
                            name: string;
                            relation: string;
                            phone: string;
                        }[];
                        note?: string | null;
                        /** Format: uuid */
                        household_id?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string | null;
                            kana: string | null;
                            address: string | null;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            area_name: string | null;
                            birth_year: number | null;
                            /** Format: date */
                            birth_date: string | null;
                            age: {
                                years: number;
                                approximate: boolean;
                            } | null;
                            phone: string | null;
                            living_alone: boolean | null;
                            care_service_use: string;
                            emergency_contacts: {
                                name: string;
                                relation: string;
                                phone: string;
                            }[];
                            note: string | null;
                            household: {
                                /** Format: uuid */
                                id: string;
                                address: string | null;
                                members: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                    kana: string | null;
                                    birth_year: number | null;
                                }[];
                            } | null;
                            consents: {
                                /** Format: uuid */
                                id: string;
                                shared_with: string;
                                agency_ids: string[];
                                agency_names: string[];
                                agency_kinds: string[];
                                scope_items: string[];
                                scope: string;
                                method: string;
                                /** Format: date-time */
                                given_at: string;
                                /** Format: date-time */
                                expires_at: string | null;
                                /** Format: date-time */
                                withdrawn_at: string | null;
                                withdrawn_reason: string | null;
                                /** @enum {string} */
                                state: "active" | "expired" | "withdrawn";
                                active: boolean;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/people/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record consent to share with named agencies and/or kinds of agency: scope, date, how obtained, expiry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agency_ids?: string[];
                        agency_kinds?: string[];
                        shared_with?: string;
                        scope_items?: ("basic" | "health" | "care" | "living" | "family")[];
                        scope?: string;
                        /** @enum {string} */
                        method?: "verbal" | "written";
                        /** Format: date-time */
                        given_at?: string;
                        /** Format: date-time */
                        expires_at?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            shared_with: string;
                            agency_ids: string[];
                            agency_names: string[];
                            agency_kinds: string[];
                            scope_items: string[];
                            scope: string;
                            method: string;
                            /** Format: date-time */
                            given_at: string;
                            /** Format: date-time */
                            expires_at: string | null;
                            /** Format: date-time */
                            withdrawn_at: string | null;
                            withdrawn_reason: string | null;
                            /** @enum {string} */
                            state: "active" | "expired" | "withdrawn";
                            active: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consents/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a consent (date and reason); it no longer counts for referrals */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                        /** Format: date-time */
                        withdrawn_at?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            shared_with: string;
                            agency_ids: string[];
                            agency_names: string[];
                            agency_kinds: string[];
                            scope_items: string[];
                            scope: string;
                            method: string;
                            /** Format: date-time */
                            given_at: string;
                            /** Format: date-time */
                            expires_at: string | null;
                            /** Format: date-time */
                            withdrawn_at: string | null;
                            withdrawn_reason: string | null;
                            /** @enum {string} */
                            state: "active" | "expired" | "withdrawn";
                            active: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/households": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register a household (世帯) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        latitude?: number;
                        longitude?: number;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            address: string | null;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            note: string | null;
                            members: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                kana: string | null;
                                birth_year: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/households/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A household and its members (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            address: string | null;
                            latitude: number | null;
                            longitude: number | null;
                            area_id: string | null;
                            note: string | null;
                            members: {
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                                kana: string | null;
                                birth_year: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refer the case to an agency, with a legal basis for sharing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        agency_id: string;
                        reason: string;
                        legal_basis: "consent" | "vital_interest";
                        /** Format: uuid */
                        consent_id?: string;
                        legal_basis_reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            case_id: string;
                            /** Format: uuid */
                            agency_id: string;
                            agency_name: string;
                            reason: string;
                            status: string;
                            legal_basis: string;
                            consent_id: string | null;
                            legal_basis_reason: string | null;
                            outcome: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/referral-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a referral to the agency may rest on the person's consent, and why not (audited) */
        get: {
            parameters: {
                query: {
                    agency_id: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            may_proceed: boolean;
                            /** @enum {string} */
                            reason: "covered" | "no_person" | "no_consent" | "not_covered" | "expired" | "withdrawn";
                            agency: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                kind: string;
                            };
                            consent: {
                                /** Format: uuid */
                                id: string;
                                shared_with: string;
                                agency_ids: string[];
                                agency_names: string[];
                                agency_kinds: string[];
                                scope_items: string[];
                                scope: string;
                                method: string;
                                /** Format: date-time */
                                given_at: string;
                                /** Format: date-time */
                                expires_at: string | null;
                                /** Format: date-time */
                                withdrawn_at: string | null;
                                withdrawn_reason: string | null;
                                /** @enum {string} */
                                state: "active" | "expired" | "withdrawn";
                                active: boolean;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record the agency response: accepted, declined, completed */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "sent" | "accepted" | "declined" | "completed";
                        outcome?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            case_id: string;
                            /** Format: uuid */
                            agency_id: string;
                            agency_name: string;
                            reason: string;
                            status: string;
                            legal_basis: string;
                            consent_id: string | null;
                            legal_basis_reason: string | null;
                            outcome: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agencies (関係機関) of the tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                kind: string;
                                phone: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A KPI table (first contact or safety checks) as .xlsx or CSV, with the same small-cell suppression as the KPI API */
        get: {
            parameters: {
                query?: {
                    kind?: "first_contact" | "safety_checks";
                    from?: string;
                    to?: string;
                    format?: "xlsx" | "csv";
                    encoding?: "utf-8" | "shift_jis";
                    calendar?: "western" | "japanese";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis/first-contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time from receipt of a concern to first contact, overall, by urgency and by month */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                            headline_target_hours: number;
                            cases: number | null;
                            count: number | null;
                            median_hours: number | null;
                            mean_hours: number | null;
                            within_target_ratio: number | null;
                            open_without_contact: number | null;
                            overdue: number | null;
                            suppressed: boolean;
                            withheld: boolean;
                            small_cells_suppressed: boolean;
                            granularity: "month" | "exact";
                            by_urgency: {
                                [key: string]: {
                                    cases: number | null;
                                    count: number | null;
                                    median_hours: number | null;
                                    mean_hours: number | null;
                                    within_target_ratio: number | null;
                                    open_without_contact: number | null;
                                    overdue: number | null;
                                    suppressed: boolean;
                                    withheld: boolean;
                                    target_hours: number;
                                };
                            };
                            by_month: {
                                month: string;
                                cases: number | null;
                                count: number | null;
                                median_hours: number | null;
                                mean_hours: number | null;
                                within_target_ratio: number | null;
                                open_without_contact: number | null;
                                overdue: number | null;
                                suppressed: boolean;
                                withheld: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/kpis/safety-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Welfare alerts confirmed within target (by severity), and minutes from alert to confirmation */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                            target_ratio: number;
                            alerts: number | null;
                            confirmed: number | null;
                            within_target: number | null;
                            within_target_ratio: number | null;
                            median_minutes: number | null;
                            p90_minutes: number | null;
                            open: number | null;
                            overdue: number | null;
                            suppressed: boolean;
                            withheld: boolean;
                            small_cells_suppressed: boolean;
                            granularity: "month" | "exact";
                            by_severity: {
                                [key: string]: {
                                    alerts: number | null;
                                    confirmed: number | null;
                                    within_target: number | null;
                                    within_target_ratio: number | null;
                                    median_minutes: number | null;
                                    p90_minutes: number | null;
                                    open: number | null;
                                    overdue: number | null;
                                    suppressed: boolean;
                                    withheld: boolean;
                                    target_minutes: number;
                                };
                            };
                            by_month: {
                                month: string;
                                alerts: number | null;
                                confirmed: number | null;
                                within_target: number | null;
                                within_target_ratio: number | null;
                                median_minutes: number | null;
                                p90_minutes: number | null;
                                open: number | null;
                                overdue: number | null;
                                suppressed: boolean;
                                withheld: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** In-app alerts for the caller (e.g. first-contact deadline passed) */
        get: {
            parameters: {
                query?: {
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @enum {string} */
                                kind: "first_contact_overdue" | "watch_alert" | "watch_alert_reminder";
                                case_id: string | null;
                                target: {
                                    /** @enum {string} */
                                    type: "alert" | "case";
                                    id: string;
                                } | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                read_at: string | null;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an alert read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            kind: "first_contact_overdue" | "watch_alert" | "watch_alert_reminder";
                            case_id: string | null;
                            target: {
                                /** @enum {string} */
                                type: "alert" | "case";
                                id: string;
                            } | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            read_at: string | null;
                            data: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which delivery channels are configured (email, LINE, SMS, web push, MQTT); never their values */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                channel: "email" | "line" | "sms" | "web_push" | "mqtt";
                                configured: boolean;
                                setting: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events for the hub console (kinds and ids only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partners with report counts, agreement status and renewals due */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                name: string;
                                kind: string;
                                /** @enum {string} */
                                status: "active" | "suspended" | "ended";
                                contact_name: string | null;
                                reports: number;
                                useful_reports: number;
                                active_devices: number;
                                /** @enum {string|null} */
                                agreement_status: "draft" | "active" | "suspended" | "ended" | null;
                                /** Format: date */
                                renewal_due: string | null;
                            }[];
                            renewals_due: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                partner_id: string;
                                partner_name: string;
                                number: number;
                                /** Format: date */
                                signed_on: string;
                                scope: string;
                                contact_person: string | null;
                                /** @enum {string} */
                                status: "draft" | "active" | "suspended" | "ended";
                                /** Format: date */
                                renewal_due: string | null;
                                renewal_due_soon: boolean;
                                sticker_code: string;
                                sticker_url: string;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a partner (見守り協力事業者) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        kind: "newspaper" | "utility" | "delivery" | "finance" | "retail" | "care" | "cooperative" | "other";
                        contact_name?: string | null;
                        contact_phone?: string | null;
                        /** Format: email */
                        contact_email?: string | null;
                        address?: string | null;
                        note?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "active" | "suspended" | "ended";
                            contact_name: string | null;
                            contact_phone: string | null;
                            contact_email: string | null;
                            address: string | null;
                            note: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string | null;
                            reports: number;
                            useful_reports: number;
                            active_devices: number;
                            reports_last_365_days: number;
                            useful_reports_last_365_days: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/report-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reports and useful reports per partner, against the same period a year earlier */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                            /** Format: date-time */
                            previous_from: string;
                            /** Format: date-time */
                            previous_to: string;
                            target_change: number;
                            totals: {
                                reports: number;
                                useful_reports: number;
                                previous_reports: number;
                                previous_useful_reports: number;
                                reports_change: number | null;
                                useful_reports_change: number | null;
                            };
                            items: {
                                /** Format: uuid */
                                partner_id: string;
                                name: string;
                                kind: string;
                                status: string;
                                reports: number;
                                useful_reports: number;
                                previous_reports: number;
                                previous_useful_reports: number;
                                reports_change: number | null;
                                useful_reports_change: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/report-stats/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Partner report counts (same period rules) as .xlsx or CSV (UTF-8 with BOM, or Shift_JIS); audited */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                    format?: "xlsx" | "csv";
                    encoding?: "utf-8" | "shift_jis";
                    calendar?: "western" | "japanese";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A partner with its report counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "active" | "suspended" | "ended";
                            contact_name: string | null;
                            contact_phone: string | null;
                            contact_email: string | null;
                            address: string | null;
                            note: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string | null;
                            reports: number;
                            useful_reports: number;
                            active_devices: number;
                            reports_last_365_days: number;
                            useful_reports_last_365_days: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a partner; suspending or ending it stops its phones */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        kind?: "newspaper" | "utility" | "delivery" | "finance" | "retail" | "care" | "cooperative" | "other";
                        contact_name?: string | null;
                        contact_phone?: string | null;
                        /** Format: email */
                        contact_email?: string | null;
                        address?: string | null;
                        note?: string | null;
                        /** @enum {string} */
                        status?: "active" | "suspended" | "ended";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            kind: string;
                            /** @enum {string} */
                            status: "active" | "suspended" | "ended";
                            contact_name: string | null;
                            contact_phone: string | null;
                            contact_email: string | null;
                            address: string | null;
                            note: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string | null;
                            reports: number;
                            useful_reports: number;
                            active_devices: number;
                            reports_last_365_days: number;
                            useful_reports_last_365_days: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/partners/{id}/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch agreements (見守り協定) of a partner */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                partner_id: string;
                                partner_name: string;
                                number: number;
                                /** Format: date */
                                signed_on: string;
                                scope: string;
                                contact_person: string | null;
                                /** @enum {string} */
                                status: "draft" | "active" | "suspended" | "ended";
                                /** Format: date */
                                renewal_due: string | null;
                                renewal_due_soon: boolean;
                                sticker_code: string;
                                sticker_url: string;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a watch agreement */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        signed_on: string;
                        scope: string;
                        contact_person?: string | null;
                        /** @enum {string} */
                        status?: "draft" | "active" | "suspended" | "ended";
                        /** Format: date */
                        renewal_due?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            partner_id: string;
                            partner_name: string;
                            number: number;
                            /** Format: date */
                            signed_on: string;
                            scope: string;
                            contact_person: string | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "suspended" | "ended";
                            /** Format: date */
                            renewal_due: string | null;
                            renewal_due_soon: boolean;
                            sticker_code: string;
                            sticker_url: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a watch agreement */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        signed_on?: string;
                        scope?: string;
                        contact_person?: string | null;
                        /** @enum {string} */
                        status?: "draft" | "active" | "suspended" | "ended";
                        /** Format: date */
                        renewal_due?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            partner_id: string;
                            partner_name: string;
                            number: number;
                            /** Format: date */
                            signed_on: string;
                            scope: string;
                            contact_person: string | null;
                            /** @enum {string} */
                            status: "draft" | "active" | "suspended" | "ended";
                            /** Format: date */
                            renewal_due: string | null;
                            renewal_due_soon: boolean;
                            sticker_code: string;
                            sticker_url: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/agreements/{id}/sticker.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Printable sticker and certificate (A4 PDF) with the QR code of the resident report page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agreements/{id}/enrollment-sticker.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The sticker with a fresh one-time QR code that enrolls one phone for the partner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time code that enrolls one phone for the partner (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                        expires_in_days?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            url: string;
                            qr_svg: string;
                            /** Format: date-time */
                            expires_at: string;
                            label: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open311 API keys of a partner (no key material) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                partner_id: string | null;
                                label: string;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                last_used_at: string | null;
                                /** Format: date-time */
                                revoked_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an Open311 API key (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            partner_id: string | null;
                            label: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            last_used_at: string | null;
                            /** Format: date-time */
                            revoked_at: string | null;
                            key: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an API key */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            partner_id: string | null;
                            label: string;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            last_used_at: string | null;
                            /** Format: date-time */
                            revoked_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a one-time enrollment code for a device token (rate-limited per client) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        label?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            /** Format: uuid */
                            device_id: string;
                            /** @enum {string} */
                            kind: "partner" | "supporter";
                            partner_name: string | null;
                            display_name: string;
                            tenant_slug: string;
                            tenant_name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/device/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling enrolled device: partner or supporter, and tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            device_id: string;
                            /** @enum {string} */
                            kind: "partner" | "supporter";
                            label: string | null;
                            /** Format: uuid */
                            partner_id: string | null;
                            partner_name: string | null;
                            display_name: string;
                            tenant_slug: string;
                            tenant_name: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A partner's enrolled phones */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "partner" | "supporter";
                                /** Format: uuid */
                                partner_id: string | null;
                                partner_name: string | null;
                                /** Format: uuid */
                                account_id: string | null;
                                account_name: string | null;
                                label: string | null;
                                user_agent: string | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                last_used_at: string | null;
                                /** Format: date-time */
                                revoked_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Enrolled phones of the tenant */
        get: {
            parameters: {
                query?: {
                    kind?: "partner" | "supporter";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "partner" | "supporter";
                                /** Format: uuid */
                                partner_id: string | null;
                                partner_name: string | null;
                                /** Format: uuid */
                                account_id: string | null;
                                account_name: string | null;
                                label: string | null;
                                user_agent: string | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                last_used_at: string | null;
                                /** Format: date-time */
                                revoked_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a device token (the phone gets 401 on its next request) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "partner" | "supporter";
                            /** Format: uuid */
                            partner_id: string | null;
                            partner_name: string | null;
                            /** Format: uuid */
                            account_id: string | null;
                            account_name: string | null;
                            label: string | null;
                            user_agent: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            last_used_at: string | null;
                            /** Format: date-time */
                            revoked_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/supporters/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a supporter: creates the account and a one-time enrollment code (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name: string;
                        /** Format: email */
                        email?: string;
                        expires_in_days?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            code: string;
                            url: string;
                            qr_svg: string;
                            /** Format: date-time */
                            expires_at: string;
                            label: string | null;
                            /** Format: uuid */
                            account_id: string;
                            display_name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's watch devices with their state (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                person_id: string;
                                device_key: string;
                                /** @enum {string} */
                                type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                                vendor: string | null;
                                vendor_device_id: string | null;
                                location_in_home: string | null;
                                /** @enum {string} */
                                status: "active" | "paused" | "retired";
                                has_token: boolean;
                                /** Format: date-time */
                                token_rotated_at: string | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                updated_at: string;
                                state: {
                                    /** Format: date-time */
                                    last_seen_at: string | null;
                                    /** Format: date-time */
                                    last_activity_at: string | null;
                                    battery: number | null;
                                    last_power_w: number | null;
                                    /** Format: date-time */
                                    standby_since: string | null;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a watch device; its token is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                        device_key?: string;
                        vendor?: string | null;
                        vendor_device_id?: string | null;
                        location_in_home?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            person_id: string;
                            device_key: string;
                            /** @enum {string} */
                            type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                            vendor: string | null;
                            vendor_device_id: string | null;
                            location_in_home: string | null;
                            /** @enum {string} */
                            status: "active" | "paused" | "retired";
                            has_token: boolean;
                            /** Format: date-time */
                            token_rotated_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            state: {
                                /** Format: date-time */
                                last_seen_at: string | null;
                                /** Format: date-time */
                                last_activity_at: string | null;
                                battery: number | null;
                                last_power_w: number | null;
                                /** Format: date-time */
                                standby_since: string | null;
                            };
                        } & {
                            /** @description Shown once; store it in the device. */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/watch/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a watch device (status, location, vendor ids) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "active" | "paused" | "retired";
                        vendor?: string | null;
                        vendor_device_id?: string | null;
                        location_in_home?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            person_id: string;
                            device_key: string;
                            /** @enum {string} */
                            type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                            vendor: string | null;
                            vendor_device_id: string | null;
                            location_in_home: string | null;
                            /** @enum {string} */
                            status: "active" | "paused" | "retired";
                            has_token: boolean;
                            /** Format: date-time */
                            token_rotated_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            state: {
                                /** Format: date-time */
                                last_seen_at: string | null;
                                /** Format: date-time */
                                last_activity_at: string | null;
                                battery: number | null;
                                last_power_w: number | null;
                                /** Format: date-time */
                                standby_since: string | null;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/devices/watch/{id}/rotate-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new device token (shown once); the old one stops working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            person_id: string;
                            device_key: string;
                            /** @enum {string} */
                            type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                            vendor: string | null;
                            vendor_device_id: string | null;
                            location_in_home: string | null;
                            /** @enum {string} */
                            status: "active" | "paused" | "retired";
                            has_token: boolean;
                            /** Format: date-time */
                            token_rotated_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            state: {
                                /** Format: date-time */
                                last_seen_at: string | null;
                                /** Format: date-time */
                                last_activity_at: string | null;
                                battery: number | null;
                                last_power_w: number | null;
                                /** Format: date-time */
                                standby_since: string | null;
                            };
                        } & {
                            /** @description Shown once; store it in the device. */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/devices/watch/{id}/revoke-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a device's token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            person_id: string;
                            device_key: string;
                            /** @enum {string} */
                            type: "motion" | "door" | "power" | "plug" | "light" | "emergency_button" | "other";
                            vendor: string | null;
                            vendor_device_id: string | null;
                            location_in_home: string | null;
                            /** @enum {string} */
                            status: "active" | "paused" | "retired";
                            has_token: boolean;
                            /** Format: date-time */
                            token_rotated_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                            state: {
                                /** Format: date-time */
                                last_seen_at: string | null;
                                /** Format: date-time */
                                last_activity_at: string | null;
                                battery: number | null;
                                last_power_w: number | null;
                                /** Format: date-time */
                                standby_since: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ingest-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tenant-wide ingestion credentials for vendor gateways */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                label: string;
                                readings_per_minute: number | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                revoked_at: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an ingestion credential (optionally with its own telemetry rate limit); its token is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label: string;
                        /** @description Readings per minute this credential may post (all its devices together); null: TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE */
                        readings_per_minute?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            label: string;
                            readings_per_minute: number | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            revoked_at: string | null;
                        } & {
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ingest-credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename an ingestion credential or change its telemetry rate limit (readings per minute; null: the default) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        label?: string;
                        /** @description Readings per minute this credential may post (all its devices together); null: TELEMETRY_CREDENTIAL_READINGS_PER_MINUTE */
                        readings_per_minute?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            label: string;
                            readings_per_minute: number | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            revoked_at: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/ingest-credentials/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an ingestion credential */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            label: string;
                            readings_per_minute: number | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            revoked_at: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}/watch-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's watch settings (device rules and the escalation ladder's timings) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            person_id: string;
                            settings: {
                                [key: string]: unknown;
                            };
                            effective: {
                                watcherConfirmMinutes: number;
                                hubEscalateMinutes: number;
                            };
                        };
                    };
                };
            };
        };
        /** Merge keys into the watch settings (null removes a key; others are kept); armed deadlines follow at once */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        inactivityHours?: number | null;
                        quietHours?: {
                            from: string;
                            to: string;
                        } | null;
                        standbyWatts?: number | null;
                        standbyHours?: number | null;
                        silenceHours?: number | null;
                        batteryLowPercent?: number | null;
                        watcherConfirmMinutes?: number | null;
                        hubEscalateMinutes?: number | null;
                        /** Format: date-time */
                        awayUntil?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            person_id: string;
                            settings: {
                                [key: string]: unknown;
                            };
                            effective: {
                                watcherConfirmMinutes: number;
                                hubEscalateMinutes: number;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Post up to 5,000 readings (Authorization: Bearer <device token or ingestion credential>); errors per reading, the rest kept; 429 with Retry-After when the sender is over its rate limit */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        readings: {
                            /** @description The device's device_key; optional with a device token */
                            device_id?: string;
                            /** @description ISO 8601 with offset */
                            ts?: unknown;
                            /** @description press, motion, door, power_w, energy_wh, plug_on, light_on, battery, heartbeat */
                            kind?: unknown;
                            value?: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            duplicates: number;
                            rejected: {
                                index: number;
                                /** @description unknown_device, future_timestamp, stale_timestamp, invalid_reading, rate_limited (send it again later), processing_failed (quarantined) */
                                code: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readings set aside because they could not be processed (newest first; device ids only, no personal data) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The id of the last item of the previous page */
                    before?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                device_id: string | null;
                                device_key: string | null;
                                kind: string | null;
                                /** Format: date-time */
                                ts: string | null;
                                value: number | null;
                                /** @description The reading as received (device_id, ts, kind, value) */
                                raw: string | null;
                                reason: string;
                                /** @enum {string} */
                                source: "http" | "mqtt";
                                /** Format: date-time */
                                received_at: string;
                            }[];
                            /** Format: uuid */
                            next_before: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/telemetry/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ingestion counters of this app copy (this tenant's readings; MQTT consumer health) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tenant: {
                                [key: string]: number;
                            };
                            mqtt: {
                                [key: string]: number | boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mqtt/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Broker authentication hook: username = device_key, password = device token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password?: string;
                        clientid?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            result: "allow" | "deny";
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            result: "allow" | "deny";
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mqtt/acl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Broker authorization hook: a device may publish only to its own telemetry topic */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        topic: string;
                        action?: string;
                        acc?: number;
                        clientid?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            result: "allow" | "deny";
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            result: "allow" | "deny";
                            ok: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/tenants/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the public report page needs: name, categories, map tiles, hub phone numbers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slug: string;
                            name: string;
                            tile_url: string;
                            tile_attribution: string;
                            categories: {
                                code: string;
                                label: string;
                                labels: {
                                    [key: string]: string;
                                };
                                priority: number;
                            }[];
                            bbox: number[] | null;
                            areas_geojson_url: string;
                            hubs: {
                                name: string;
                                phone: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/tenants/{slug}/areas.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The municipality's areas (GeoJSON), so maps work without tiles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/tenants/{slug}/concerns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A resident reports a worry about a neighbour, anonymously or with a callback contact (rate-limited per client) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    slug: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category: string;
                        description?: string;
                        /** Format: date-time */
                        observed_at?: string;
                        place_text?: string;
                        latitude?: number;
                        longitude?: number;
                        anonymous: boolean;
                        callback_contact?: string;
                        ref?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            reference: string;
                            /** Format: date-time */
                            received_at: string;
                            status: string;
                            category: string;
                            outside_area: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a photo (raw image body). Re-encoded with all metadata removed; visible to hub staff only. */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            id: string;
                            width: number;
                            height: number;
                            size: number;
                            content_type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/photos/{photoId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A photo of a concern (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    photoId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concerns/{id}/resident-updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Updates residents posted about a concern through an Open311 client (FixMyStreet), oldest first; audited */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                status: string;
                                description: string;
                                /** Format: date-time */
                                client_updated_at: string | null;
                                /** Format: date-time */
                                received_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/discovery.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service discovery */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Services (the concern categories) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services/{service_code}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service definition with its attributes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    service_code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service requests filed through the caller's keys (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** File a service request (form-encoded, api_key required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests/{id}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service request (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/tokens/{token}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Request id from a reference code (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/servicerequestupdates.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** FixMyStreet extension: status updates (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** FixMyStreet extension: a resident's update on a request (form-encoded, api_key required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/discovery.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service discovery */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Services (the concern categories) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services/{service_code}.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service definition with its attributes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    service_code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service requests filed through the caller's keys (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** File a service request (form-encoded, api_key required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests/{id}.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service request (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/tokens/{token}.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Request id from a reference code (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/servicerequestupdates.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** FixMyStreet extension: status updates (api_key required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** FixMyStreet extension: a resident's update on a request (form-encoded, api_key required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}/checkin-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's check-in plans (定期安否確認), with whether they can be delivered (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                person_id: string;
                                active: boolean;
                                frequency: string;
                                weekday: number | null;
                                local_time: string;
                                channel: string;
                                address: string | null;
                                push_subscribed: boolean;
                                missed_threshold: number;
                                consecutive_missed: number;
                                /** Format: date-time */
                                next_due_at: string | null;
                                deliverable: boolean;
                                /** @description Why check-ins of this plan cannot be delivered now (e.g. push_not_configured) */
                                delivery_problem: string | null;
                                /** Format: date-time */
                                created_at: string;
                                /** Format: date-time */
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a person's opt-in to a daily or weekly check-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        frequency: "daily" | "weekly";
                        /** @description 0 = Sunday … 6 = Saturday (weekly plans) */
                        weekday?: number | null;
                        /** @description Local time in Asia/Tokyo, HH:MM */
                        local_time: string;
                        /** @enum {string} */
                        channel: "email" | "push" | "line";
                        /** @description Email address, or LINE user id; none for push */
                        address?: string | null;
                        missed_threshold?: number;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            person_id: string;
                            active: boolean;
                            frequency: string;
                            weekday: number | null;
                            local_time: string;
                            channel: string;
                            address: string | null;
                            push_subscribed: boolean;
                            missed_threshold: number;
                            consecutive_missed: number;
                            /** Format: date-time */
                            next_due_at: string | null;
                            deliverable: boolean;
                            /** @description Why check-ins of this plan cannot be delivered now (e.g. push_not_configured) */
                            delivery_problem: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checkin-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a plan: active, time, frequency, weekday, channel, address, missed threshold */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        frequency?: "daily" | "weekly";
                        /** @description 0 = Sunday … 6 = Saturday (weekly plans) */
                        weekday?: number | null;
                        /** @description Local time in Asia/Tokyo, HH:MM */
                        local_time?: string;
                        /** @enum {string} */
                        channel?: "email" | "push" | "line";
                        /** @description Email address, or LINE user id; none for push */
                        address?: string | null;
                        missed_threshold?: number;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            person_id: string;
                            active: boolean;
                            frequency: string;
                            weekday: number | null;
                            local_time: string;
                            channel: string;
                            address: string | null;
                            push_subscribed: boolean;
                            missed_threshold: number;
                            consecutive_missed: number;
                            /** Format: date-time */
                            next_due_at: string | null;
                            deliverable: boolean;
                            /** @description Why check-ins of this plan cannot be delivered now (e.g. push_not_configured) */
                            delivery_problem: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/checkin-plans/{id}/subscribe-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A single-use link the person opens on their phone to receive check-ins by web push */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            url: string;
                            vapid_configured: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}/checkins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent check-ins of a person and their answers (audited) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                plan_id: string;
                                /** Format: date-time */
                                due_at: string;
                                /** Format: date-time */
                                sent_at: string | null;
                                /** Format: date-time */
                                expires_at: string;
                                channel: string;
                                delivery_status: string;
                                delivery_error: string | null;
                                /** @enum {string} */
                                status: "open" | "answered" | "missed" | "undelivered";
                                answer: string | null;
                                /** Format: date-time */
                                answered_at: string | null;
                                /** Format: date-time */
                                missed_at: string | null;
                                concern_id: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/checkins/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a check-in without an account (push notification actions); rate-limited per client */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        answer: "fine" | "talk";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "recorded" | "already_answered";
                            answer: string;
                            /** Format: date-time */
                            answered_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/checkin-subscriptions/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register the browser's push subscription through a single-use subscribe link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        endpoint: string;
                        expirationTime?: number | null;
                        keys: {
                            p256dh: string;
                            auth: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "subscribed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts, newest first (status=open: active or acknowledged); names shown are audited */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "active" | "acknowledged" | "resolved";
                    type?: "emergency_button" | "inactivity" | "standby_power" | "power_profile" | "device_silent" | "battery_low" | "checkin_missed" | "checkin_talk";
                    person_id?: string;
                    category?: "welfare" | "technical";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                type: string;
                                category: string;
                                severity: string;
                                status: string;
                                outcome: string | null;
                                person_id: string;
                                person_name: string | null;
                                person_visible: boolean;
                                device_id: string | null;
                                device_type: string | null;
                                location_in_home: string | null;
                                device_place: {
                                    address: string | null;
                                    area_name: string | null;
                                    location_in_home: string | null;
                                } | null;
                                /** Format: date-time */
                                raised_at: string;
                                /** Format: date-time */
                                last_seen_at: string;
                                occurrences: number;
                                /** Format: date-time */
                                acknowledged_at: string | null;
                                acknowledged_by_name: string | null;
                                /** Format: date-time */
                                resolved_at: string | null;
                                resolved_via: string | null;
                                ladder: {
                                    /** Format: date-time */
                                    watchers_notified_at: string | null;
                                    /** Format: date-time */
                                    hub_alerted_at: string | null;
                                    /** Format: date-time */
                                    case_opened_at: string | null;
                                    case_id: string | null;
                                    /** Format: date-time */
                                    next_step_at: string | null;
                                    watchers: {
                                        /** @enum {string} */
                                        state: "pending" | "skipped" | "done" | "not_delivered";
                                        reason: string | null;
                                        delivered: number;
                                        messages: {
                                            watcher_id: string;
                                            watcher_name: string | null;
                                            watcher_relation: string | null;
                                            channel: string;
                                            /** @enum {string} */
                                            status: "sent" | "queued" | "retrying" | "not_delivered";
                                            problem: string | null;
                                        }[];
                                    };
                                };
                                actions: {
                                    acknowledge: boolean;
                                    resolve: boolean;
                                };
                                detail: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An alert with its timeline (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            type: string;
                            category: string;
                            severity: string;
                            status: string;
                            outcome: string | null;
                            person_id: string;
                            person_name: string | null;
                            person_visible: boolean;
                            device_id: string | null;
                            device_type: string | null;
                            location_in_home: string | null;
                            device_place: {
                                address: string | null;
                                area_name: string | null;
                                location_in_home: string | null;
                            } | null;
                            /** Format: date-time */
                            raised_at: string;
                            /** Format: date-time */
                            last_seen_at: string;
                            occurrences: number;
                            /** Format: date-time */
                            acknowledged_at: string | null;
                            acknowledged_by_name: string | null;
                            /** Format: date-time */
                            resolved_at: string | null;
                            resolved_via: string | null;
                            ladder: {
                                /** Format: date-time */
                                watchers_notified_at: string | null;
                                /** Format: date-time */
                                hub_alerted_at: string | null;
                                /** Format: date-time */
                                case_opened_at: string | null;
                                case_id: string | null;
                                /** Format: date-time */
                                next_step_at: string | null;
                                watchers: {
                                    /** @enum {string} */
                                    state: "pending" | "skipped" | "done" | "not_delivered";
                                    reason: string | null;
                                    delivered: number;
                                    messages: {
                                        watcher_id: string;
                                        watcher_name: string | null;
                                        watcher_relation: string | null;
                                        channel: string;
                                        /** @enum {string} */
                                        status: "sent" | "queued" | "retrying" | "not_delivered";
                                        problem: string | null;
                                    }[];
                                };
                            };
                            actions: {
                                acknowledge: boolean;
                                resolve: boolean;
                            };
                            detail: {
                                [key: string]: unknown;
                            };
                            timeline: {
                                id: string;
                                kind: string;
                                /** Format: date-time */
                                at: string;
                                by: string | null;
                                data: {
                                    [key: string]: unknown;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an active alert (who and when are recorded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            type: string;
                            category: string;
                            severity: string;
                            status: string;
                            outcome: string | null;
                            person_id: string;
                            person_name: string | null;
                            person_visible: boolean;
                            device_id: string | null;
                            device_type: string | null;
                            location_in_home: string | null;
                            device_place: {
                                address: string | null;
                                area_name: string | null;
                                location_in_home: string | null;
                            } | null;
                            /** Format: date-time */
                            raised_at: string;
                            /** Format: date-time */
                            last_seen_at: string;
                            occurrences: number;
                            /** Format: date-time */
                            acknowledged_at: string | null;
                            acknowledged_by_name: string | null;
                            /** Format: date-time */
                            resolved_at: string | null;
                            resolved_via: string | null;
                            ladder: {
                                /** Format: date-time */
                                watchers_notified_at: string | null;
                                /** Format: date-time */
                                hub_alerted_at: string | null;
                                /** Format: date-time */
                                case_opened_at: string | null;
                                case_id: string | null;
                                /** Format: date-time */
                                next_step_at: string | null;
                                watchers: {
                                    /** @enum {string} */
                                    state: "pending" | "skipped" | "done" | "not_delivered";
                                    reason: string | null;
                                    delivered: number;
                                    messages: {
                                        watcher_id: string;
                                        watcher_name: string | null;
                                        watcher_relation: string | null;
                                        channel: string;
                                        /** @enum {string} */
                                        status: "sent" | "queued" | "retrying" | "not_delivered";
                                        problem: string | null;
                                    }[];
                                };
                            };
                            actions: {
                                acknowledge: boolean;
                                resolve: boolean;
                            };
                            detail: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an alert with an outcome; stops the escalation ladder */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "safe" | "needs_support" | "emergency_services" | "not_reached" | "technical_fixed" | "false_alarm";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            type: string;
                            category: string;
                            severity: string;
                            status: string;
                            outcome: string | null;
                            person_id: string;
                            person_name: string | null;
                            person_visible: boolean;
                            device_id: string | null;
                            device_type: string | null;
                            location_in_home: string | null;
                            device_place: {
                                address: string | null;
                                area_name: string | null;
                                location_in_home: string | null;
                            } | null;
                            /** Format: date-time */
                            raised_at: string;
                            /** Format: date-time */
                            last_seen_at: string;
                            occurrences: number;
                            /** Format: date-time */
                            acknowledged_at: string | null;
                            acknowledged_by_name: string | null;
                            /** Format: date-time */
                            resolved_at: string | null;
                            resolved_via: string | null;
                            ladder: {
                                /** Format: date-time */
                                watchers_notified_at: string | null;
                                /** Format: date-time */
                                hub_alerted_at: string | null;
                                /** Format: date-time */
                                case_opened_at: string | null;
                                case_id: string | null;
                                /** Format: date-time */
                                next_step_at: string | null;
                                watchers: {
                                    /** @enum {string} */
                                    state: "pending" | "skipped" | "done" | "not_delivered";
                                    reason: string | null;
                                    delivered: number;
                                    messages: {
                                        watcher_id: string;
                                        watcher_name: string | null;
                                        watcher_relation: string | null;
                                        channel: string;
                                        /** @enum {string} */
                                        status: "sent" | "queued" | "retrying" | "not_delivered";
                                        problem: string | null;
                                    }[];
                                };
                            };
                            actions: {
                                acknowledge: boolean;
                                resolve: boolean;
                            };
                            detail: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/{id}/watchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's watchers (family, neighbours) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                person_id: string;
                                name: string;
                                relation: string | null;
                                channel: string;
                                address: string;
                                priority: number;
                                active: boolean;
                                /** Format: date-time */
                                created_at: string;
                                person_label: string | null;
                                delivery_problem: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a watcher */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        relation?: string | null;
                        person_label?: string | null;
                        /** @enum {string} */
                        channel: "email" | "line" | "sms";
                        address: string;
                        priority?: number;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            person_id: string;
                            name: string;
                            relation: string | null;
                            channel: string;
                            address: string;
                            priority: number;
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            person_label: string | null;
                            delivery_problem: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/watchers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a watcher */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a watcher */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        relation?: string | null;
                        person_label?: string | null;
                        /** @enum {string} */
                        channel?: "email" | "line" | "sms";
                        address?: string;
                        priority?: number;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            person_id: string;
                            name: string;
                            relation: string | null;
                            channel: string;
                            address: string;
                            priority: number;
                            active: boolean;
                            /** Format: date-time */
                            created_at: string;
                            person_label: string | null;
                            delivery_problem: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/public/confirm/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A watcher's confirm link: the alert's kind, time and status, nothing about the person */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            /** Format: date-time */
                            raised_at: string;
                            status: string;
                            confirmed: boolean;
                            /** Format: date-time */
                            expires_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** A watcher confirms the person is safe, or says they need help */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        outcome: "safe" | "needs_help";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            type: string;
                            /** Format: date-time */
                            raised_at: string;
                            status: string;
                            confirmed: boolean;
                            /** Format: date-time */
                            expires_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
