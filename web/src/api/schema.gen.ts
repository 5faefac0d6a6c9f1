// Generated from src/api/openapi.json by web/scripts/gen-api-types.mjs (npm run gen:api).
// Do not edit: `npm test` and `npm run build` fail when it differs from the document.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report that the service is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Report whether this server can take requests (its database answers)
         * @description For load balancers: `200` while the database answers a query, `503` (with `Retry-After`) while it is unreachable, for example during a failover. `GET /healthz` stays `200` as long as the process runs.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The server's numbers in the Prometheus text format
         * @description For Prometheus (scrape with `authorization: {credentials: <token>}`; a `viewer` token is enough). Text exposition format 0.0.4: `wareflow_http_requests_total{method,route,status}`, `wareflow_http_request_duration_seconds{method,route}` (histogram), `wareflow_http_connections_open`, `wareflow_http_refusals_total{reason}` (`too_many_connections`, `server_busy`, `too_many_requests`, `shutting_down`), `wareflow_writer_queue_depth`, `wareflow_writer_group_size` and `wareflow_writer_commit_seconds` (histograms), `wareflow_writer_commands_total`, `wareflow_writer_groups_total`, `wareflow_event_feed_last_seq` (left out while the database does not answer). `route` is the route's pattern (`/api/v1/orders/{id}`), `unmatched` for a path no route has and `web` for the web app's files; a method other than GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS is `other`. Every answer of the server carries `X-Request-Id`: the request's own when it is 1–64 characters of `[A-Za-z0-9._-]`, otherwise one the server makes; the request's log line has it too.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get this OpenAPI 3.1 description */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products */
        get: operations["listProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product by SKU */
        get: operations["getProduct"];
        /**
         * Create or update a product
         * @description Creates the product (201) or replaces its fields (200). A barcode belongs to one product; giving another product's barcode is `409 invalid_state`.
         */
        put: operations["upsertProduct"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/by-barcode/{barcode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product by one of its barcodes */
        get: operations["getProductByBarcode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List warehouses */
        get: operations["listWarehouses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a warehouse */
        get: operations["getWarehouse"];
        /** Create or update a warehouse */
        put: operations["upsertWarehouse"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/layout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate a warehouse's locations from a grid layout
         * @description Makes storage locations `A01-001-1` (aisle, bay, level): levels up to `pick_levels` are `pick` faces, those above `storage`; also `RECV-01`, `PACK-01`, `SHIP-01` and `QUAR-01`. At most 100,000 storage and pick locations (`aisles × bays × levels`) in one layout: it is one write command.
         */
        post: operations["generateLayout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/locations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a warehouse's locations
         * @description Virtual locations (`virtual:*`) never show here.
         */
        get: operations["listLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/locations/{loc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or update a location
         * @description Only `pick` and `storage` locations may be allocatable (their default). Virtual locations cannot be written to.
         */
        put: operations["upsertLocation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inventory/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust stock at a location
         * @description A positive adjustment moves `virtual:adjustment → location`, a negative one `location → virtual:adjustment`.
         */
        post: operations["createAdjustment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inventory/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a product's stock by warehouse and location */
        get: operations["getInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inventory/{sku}/moves": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a product's stock moves, newest first */
        get: operations["listMoves"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sales channels */
        get: operations["listChannels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update a sales channel */
        put: operations["upsertChannel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orders, newest first */
        get: operations["listOrders"];
        put?: never;
        /**
         * Create an order and source it to warehouses
         * @description Idempotent on `(channel, channel_order_id)`: an identical replay answers 200 with the same order, a replay with a different body is `409 idempotency_conflict`. The order goes whole to one warehouse if one can cover it, else to the fewest warehouses; what none covers is backordered.
         */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an order */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an order while nothing is picked */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/hold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put an order on hold while no fulfillment is in a wave */
        post: operations["holdOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release an order from hold */
        post: operations["releaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a fulfillment */
        get: operations["getFulfillment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/pack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pack a picked fulfillment into packages
         * @description Each package gets an SSCC and its expected weight (contents plus the box's tare). With a box and a weight, the weight must be within 5 % (at least 20 g) of the expected one.
         */
        post: operations["packFulfillment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ship a packed fulfillment, rating it with the configured carriers
         * @description Without `carrier` the cheapest configured service that delivers by `deliver_by` (any, without it) is chosen among all carriers; with a configured carrier its cheapest such service (or `service`). A rated shipment records `price` and appends `fulfillment.rated`. A carrier code that is not configured is recorded as named, unpriced (a collection, the site's own van). Rating needs every package packed in a box of the catalogue. A tracking number is generated when not given. Stock moves `PACK → virtual:customer`.
         */
        post: operations["shipFulfillment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a shipped fulfillment delivered */
        post: operations["deliverFulfillment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waves": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Waves, newest first */
        get: operations["listWaves"];
        put?: never;
        /**
         * Release a wave of fulfillments and make its pick lists
         * @description Takes released fulfillments by priority, then ship-by, then age; reserves stock at locations (pick faces before reserve; FEFO for lots with expiry, else FIFO). Each pick list becomes one `pick` task in the queue (claimed by its first picker, done with its last line), and pick faces the wave drains get replenishment tasks.
         */
        post: operations["createWave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/waves/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a wave */
        get: operations["getWave"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pick-lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a pick list */
        get: operations["getPickList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pick-lists/{id}/picks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pick scan
         * @description `barcode` is any of the product's barcodes or its SKU. Without `line_id` the first open line at that location for that product is taken. Stock moves `pick location → PACK`. The pick list's task is claimed for the picker (done when no line is open), and the face is replenished when it falls below its minimum.
         */
        post: operations["confirmPick"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pick-lists/{id}/shorts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a short pick
         * @description The found units are picked; the missing ones are written off the location (`→ virtual:adjustment`, reason `short_pick`) and taken from another location when one has unreserved stock (a new line is added), else backordered on the order.
         */
        post: operations["reportShort"];
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
        /**
         * Poll the event feed
         * @description `seq` is gap-free and increasing.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List suppliers */
        get: operations["listSuppliers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppliers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update a supplier */
        put: operations["upsertSupplier"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List purchase orders */
        get: operations["listPurchaseOrders"];
        put?: never;
        /**
         * Create a purchase order (advance shipping notice)
         * @description Lines are numbered from 1 in the order given. A line's `unit_cost_minor` becomes the product's standard cost, which values shrinkage.
         */
        post: operations["createPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/purchase-orders/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a purchase order */
        get: operations["getPurchaseOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/purchase-orders/{number}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a purchase order
         * @description Lines not fully received are closed short; nothing more is received on it.
         */
        post: operations["closePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/purchase-orders/{number}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a purchase order while nothing is received */
        post: operations["cancelPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/purchase-orders/{number}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive units against a purchase order by scan
         * @description A scan is checked whole before anything is written. Good units move `virtual:supplier → receiving location` and get a putaway task with the location the putaway rules suggest; damaged units move to the quarantine location. In the same transaction the line's `received` (or `damaged`) grows, so it always equals what the ledger shows received against it. A line closes when fully received (or on `close_line`); the purchase order closes with its last line. A line never takes more than `expected` plus the supplier's `over_receipt_tolerance_permille`.
         */
        post: operations["receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks
         * @description `422` also for an unknown `type` or `warehouse` (`unknown_warehouse`).
         */
        get: operations["listTasks"];
        put?: never;
        /**
         * Order a move of stock between two locations
         * @description A manager's move task (consolidating, emptying a location before a count, making room). The units must be free at the source; when `to_location` is named they must fit there, as for putaway (otherwise the worker scans where they went and it is checked then). While open, the task reserves its units at an allocatable source, like a pick line; a wave that needs them for orders takes them back (the task shrinks or is cancelled). Appends `task.created`.
         */
        post: operations["createMoveTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the caller's best next task
         * @description For the calling worker (token name): a task already in progress for them; else the open task of the highest priority, then the earliest due (by quarter hour), then the nearest to where the worker last finished a task, then the oldest. Does not claim it.
         */
        get: operations["nextTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a task */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim a task
         * @description `open → in_progress` for the caller. Two workers claiming the same task cannot both win; claiming one's own task again changes nothing.
         */
        post: operations["claimTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a putaway, replenishment or move task
         * @description Claims the task for the caller when open. Stock moves from the task's source to the scanned location (served backorders are allocated at once); a destination other than the suggested one is checked again for room and recorded (`task.redirected`). A partial quantity leaves the rest as a new open task.
         */
        post: operations["completeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an open or in-progress task */
        post: operations["cancelTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/pick-faces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a warehouse's pick faces */
        get: operations["listPickFaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/pick-faces/{loc}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Make a pick location a product's fixed pick face
         * @description Replaces the face's product and min/max. Putaway prefers the face; replenishment refills it from storage.
         */
        put: operations["setPickFace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/replenishment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make replenishment tasks for pick faces below their minimum
         * @description For each pick face whose free stock (on hand less open picks' reservations) plus what is already on its way is below min: tasks `storage → face` up to max, first expiring first, then first received first. Waves and picks also plan this on their own.
         */
        post: operations["planReplenishment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan the day's cycle counts
         * @description Classifies the warehouse's products A/B/C by units picked over `lookback_days`, gives each location the best class of what it holds (empty ones C), and opens a count, with a count task, for each location due that day (never counted, or last counted its class's days ago), most overdue first, up to `max_locations`. Locations with a count already open are skipped.
         */
        post: operations["planCounts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List counts */
        get: operations["listCounts"];
        put?: never;
        /**
         * Order an unplanned count of one location
         * @description Only the tolerance members of the body matter here.
         */
        post: operations["createCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a count by the scanned location
         * @description As `POST /api/v1/counts/{id}/submit`, for the open count of the scanned location.
         */
        post: operations["submitCountAtLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a count */
        get: operations["getCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start counting a location
         * @description `open`/`recount → counting`. The ledger position is noted: the figure submitted is taken as the shelf at this moment, and moves after it are added back to the record before comparing, so the location keeps working while it is counted. Starting again restarts the clock. Claims the count task.
         */
        post: operations["startCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit what a count found
         * @description Everything in the location, per sku and lot; what is not listed counts as zero. Starts the count when it was not started. Within tolerance the count is `accepted` and the difference posted at once (moves `location ↔ virtual:adjustment`, reason `cycle_count`); outside it on the first attempt it goes to `recount` (a new count task, priority 70); on the last attempt it `needs_approval`. A loss that leaves the warehouse holding less than orders have allocated takes the difference back from fulfillments not yet in a wave (backordered or sourced elsewhere).
         */
        post: operations["submitCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a count that needs approval
         * @description Posts the latest attempt's variances against the balances as they are now.
         */
        post: operations["approveCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/counts/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a count that needs approval */
        post: operations["rejectCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the returns of an order */
        get: operations["listReturns"];
        put?: never;
        /**
         * Authorise a return (RMA)
         * @description Per order line, what open returns authorise never exceeds what was shipped. The return goes back to the warehouse that shipped its first line; each line keeps the lot shipped.
         */
        post: operations["authorizeReturn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a return */
        get: operations["getReturn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a returned parcel
         * @description Units move `virtual:customer → receiving location` (reason `customer_return`) and count as `returned` on the order line.
         */
        post: operations["receiveReturn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/returns/{id}/inspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Inspect received units and dispose of them
         * @description Units move on from receiving: `restock` to a pick or storage location that has room (sellable at once; served backorders are allocated), `quarantine` to the quarantine location, `scrap` to `virtual:scrap`.
         */
        post: operations["inspectReturn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the box catalogue */
        get: operations["listBoxes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/boxes/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or update a box */
        put: operations["upsertBox"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List carriers with their services and rate tables */
        get: operations["listCarriers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a carrier */
        get: operations["getCarrier"];
        /**
         * Create or replace a carrier and its rate tables
         * @description The carrier is replaced whole. Checked before it is stored: codes, countries, currencies, brackets ascending in weight and never cheaper when heavier, one zone per (country, postal prefix) in a service, limits ordered length ≥ width ≥ height.
         */
        put: operations["upsertCarrier"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers/{code}/manifest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a carrier's manifest for a day */
        get: operations["getManifest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rates/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Quote every configured carrier service for a shipment
         * @description Changes nothing. A service carries the shipment when the destination lies in one of its zones (longest postal prefix wins) and every package is within its limits and its last weight bracket; each package is rated on its billable weight (max of actual and dimensional), prices summed. Delivery: the ship day (weekends move to Monday) plus the transit business days.
         */
        post: operations["quoteRates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/carton": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggest a box for a fulfillment
         * @description For the units still to ship. A screening rule, not a packing: every item fits the box on its own, and all of them fill at most 85 % of its volume.
         */
        get: operations["suggestCarton"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/tracking-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a carrier's tracking event
         * @description Sets the fulfillment's `tracking_status` and appends `fulfillment.tracking`; `delivered` also delivers the fulfillment (as `POST …/deliver`).
         */
        post: operations["recordTrackingEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments/{id}/documents/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Print a fulfillment's packing slip or a package's shipping label */
        get: operations["getFulfillmentDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/pick-lists/{id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Print a pick list */
        get: operations["getPickListDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/inventory-accuracy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Inventory record accuracy from cycle counts */
        get: operations["reportInventoryAccuracy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/shrinkage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Units and value lost */
        get: operations["reportShrinkage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/productivity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Labour productivity from finished tasks */
        get: operations["reportProductivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/slotting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-slotting advice from the warehouse's pick history
         * @description Which products should sit in which pick locations so that pickers walk least (optimize/slotting.h), and the moves from today's slotting that save the most walking per move, at most `max_moves`. Velocity is the pick lines of the last `days` days. Read-only: carry the moves out as move tasks (`POST /api/v1/tasks`). Travel figures are expected walking per period in mm: one round trip from the packing location per pick line.
         */
        get: operations["adviseSlotting"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily demand of a product, with stock-out days
         * @description Units ordered per UTC day (orders created that day, less cancelled units; backordered units count), ending yesterday. A day is flagged `stock_out` when the product's physical stock was 0 or less at the day's start or end, replayed from the ledger: its demand is censored. The series starts on the first day with stock or demand.
         */
        get: operations["getDemandHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/forecasts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Forecast a product's daily demand
         * @description The demand history (as `GET /planning/demand`) with stock-out days treated as missing (filled with the mean of clean days of the same weekday), forecast by the chosen model (`auto`: chosen by a rolling-origin backtest, MASE against seasonal naive; see `wareflow forecast`). The first value is today.
         */
        get: operations["getDemandForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Order KPIs over a window
         * @description Orders placed and cancelled in the window; orders completely shipped (delivered) whose last shipment (delivery) fell in it, with placement-to-shipment (delivery) cycle times (mean, nearest-rank p50 and p90); the on-time ship rate of fulfillments shipped in the window that had a ship-by; the share of orders placed in the window that could not be allocated in full at capture, and the fill rate at capture (1 - units backordered at capture / units ordered). Rates are null when their denominator is 0. Perfect orders: of the orders shipped, those with no unit cancelled or ever backordered, every shipment with a ship-by shipped by it, no short pick and no return.
         */
        get: operations["reportOrders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the bearer token is
         * @description The token's name and role, so that a client (the web app) shows only what the role may do.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tracking/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's view of an order, by its tracking token
         * @description Needs no token: the order's `tracking_token` (in the order) is the key. Shows the order's status, what was ordered and shipped, and each shipment's carrier, service and tracking number; no address, contact, price or warehouse. Any token that is not exactly an order's is 404 `not_found`.
         */
        get: operations["getTracking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where orders and work stand now
         * @description Orders by status (all warehouses); open fulfillments by stage (released, picking, picked, packed) with units and how many are late (ship-by passed) or at risk (ship-by within 2 hours); those fulfillments, soonest first (at most 50); units picked and orders shipped in each UTC hour of today (an order counts in the hour of its last shipment today); backordered units per product (most first, at most 20); pick faces whose stock is below their minimum. `warehouse` narrows everything but orders by status and backorders.
         */
        get: operations["reportDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppliers/{code}/products/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how a supplier sells a product
         * @description Replaces the terms whole: lead time and its standard deviation (days), pack size, minimum and maximum order quantity, unit cost, and priority among the product's suppliers. `max_order_qty` must be at least one pack and at least the minimum rounded up to packs.
         */
        put: operations["putSupplierProduct"];
        post?: never;
        /** Stop buying a product from a supplier */
        delete: operations["deleteSupplierProduct"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppliers/{code}/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A supplier's products and terms */
        get: operations["listSupplierProducts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/forecasts/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fit and keep every product's demand forecast at a warehouse
         * @description Reads every product with stock, demand or supplier terms at the warehouse on one snapshot, fits each series with `auto` on `threads` worker threads (default one per core), then replaces the warehouse's kept forecasts in one write and appends `forecasts.refreshed`. Meant to run nightly; reorder suggestions use a forecast kept today. One refresh at a time.
         */
        post: operations["refreshForecasts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/reorder-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What to buy now, per supplier
         * @description Plans every product with supplier terms (each from its first-choice supplier) at the warehouse: the forecast kept today (else one fitted now), the stock position (on hand and allocated there, open backorders, open purchase order units for the warehouse), lead time and its spread, the service target; then safety stock, reorder point, order-up-to level and the order rounded to packs and minimums (planning/reorder.h; docs/planning.md). Suppliers with something due, most urgent first.
         */
        get: operations["reorderSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn a supplier's reorder suggestion into a purchase order
         * @description Plans the supplier's products at the warehouse now, in the same transaction, and creates a purchase order of the suggested lines, expected after the longest lead time. Takes the reorder suggestions' parameters in the body.
         */
        post: operations["purchaseFromSuggestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/throughput": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Units picked and shipped, orders shipped, per hour or day
         * @description Every bucket of the window (UTC hours or days): units picked (ledger moves of reason pick) and pick lines, units and orders shipped (an order counts in the bucket of its last shipment). The per-hour rates divide by the hours of buckets that saw any work. At most 10,000 buckets.
         */
        get: operations["reportThroughput"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales by day, channel or SKU, with the trend against the week before
         * @description Units and orders of orders placed in the window (less cancelled units), revenue per currency. A day compares with the same weekday a week before; channels, SKUs and the total with the window moved back by its length rounded up to whole weeks (7 days for a week: week over week). `change` = units / prior_units - 1, null when the prior is 0. SKU rows: the top `limit` by units.
         */
        get: operations["reportSales"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/space": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Space utilisation by zone, now
         * @description Per zone (a location's zone, else its type) of the warehouse's storage and pick locations: locations, occupied ones, their volume and the volume of the stock in them (units x product cube), and the share used.
         */
        get: operations["reportSpace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/dock-to-stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Time from the dock to the shelf
         * @description From each receipt's scan to the end of its putaway, over putaways finished in the window (mean, nearest-rank p50 and p90). Receipts put straight into storage have no putaway and are not counted.
         */
        get: operations["reportDockToStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planning/bottlenecks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Simulate the coming hours: when each stage clears, what ships late, what one more person changes
         * @description The warehouse's open fulfillments (released, picking, picked, packed) with their lines, units and ship-by; the people on shift for the coming hours; pick time measured from the pick tasks of the last history_days (at least 5, else defaults), pack and ship times from defaults or the query. A deterministic discrete-event simulation (planning/simulation.h) predicts each stage's backlog over time and when it clears, the fulfillments that miss their ship-by (soonest first), and the same with one more picker and one more packer.
         */
        get: operations["forecastBottlenecks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/fulfillments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fulfillments, oldest first
         * @description By id after the cursor, of one warehouse and status when given (a packing station lists the picked ones).
         */
        get: operations["listFulfillments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{code}/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What each location holds now
         * @description Per physical location with stock: units on hand and reserved, how many products, the one with most units, the cube of the stock (units x product cube) and the location's volume. The warehouse map colours by it.
         */
        get: operations["warehouseStock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description RFC 9457 problem details; every error response has this shape (content type `application/problem+json`). A refused request changes nothing.
         * @example {
         *       "type": "https://wareflow.dev/problems/invalid_field",
         *       "title": "Invalid field",
         *       "status": 422,
         *       "detail": "lines[0].quantity must be a positive integer",
         *       "code": "invalid_field",
         *       "field": "lines[0].quantity"
         *     }
         */
        Problem: {
            /**
             * Format: uri
             * @description `https://wareflow.dev/problems/{code}`
             */
            type: string;
            /** @description short human-readable summary of the problem type */
            title: string;
            /** @description the HTTP status code */
            status: number;
            /** @description human-readable explanation of this occurrence */
            detail: string;
            /** @description machine-readable error code: `malformed_json`, `unauthorized`, `forbidden`, `not_found`, `method_not_allowed`, `unknown_sku`, `unknown_warehouse`, `unknown_location`, `unknown_channel`, `unknown_order`, `unknown_fulfillment`, `unknown_wave`, `unknown_pick_list`, `invalid_state`, `idempotency_conflict`, `insufficient_stock`, `nothing_to_wave`, `layout_exists`, `location_not_empty`, `payload_too_large`, `invalid_field`, `lot_required`, `lot_expiry_mismatch`, `wrong_location`, `wrong_product`, `over_pick`, `pack_mismatch`, `unknown_supplier`, `unknown_purchase_order`, `unknown_task`, `unknown_count`, `unknown_return`, `unknown_carrier`, `unknown_service`, `unknown_box`, `unknown_package`, `purchase_order_exists`, `purchase_order_closed`, `over_receipt`, `not_on_purchase_order`, `invalid_gs1`, `invalid_check_digit`, `task_taken`, `wrong_task_type`, `location_full`, `location_occupied`, `wrong_location_type`, `wrong_zone`, `count_open`, `not_in_plan`, `count_conflicts_with_picks`, `count_conflicts_with_allocations`, `return_exceeds_shipped`, `return_exceeds_authorized`, `exceeds_received`, `not_on_return`, `weight_mismatch`, `package_without_box`, `no_service`, `no_service_in_time`, `mixed_currencies`, `not_packed`, `not_shipped`, `render_failed`, `internal_error` */
            code: string;
            /** @description the offending field (e.g. `lines[0].quantity`) when the error is about one */
            field?: string | null;
        };
        /**
         * @description present when figures are kept from the caller: the location (or one of the warehouse's or zone's) is under an open count and the caller's role counts (`operator`, `viewer`); the figures beside it are null (docs/api.md, *Blind counts*)
         * @enum {string}
         */
        Hidden: "open_count";
        /**
         * @description stock keeping unit: 1–64 characters of `A-Z a-z 0-9 . _ -`
         * @example TSHIRT-RED-M
         */
        Sku: string;
        /** @description opaque cursor for the next page; `null` on the last page */
        Cursor: string | null;
        /**
         * @description an amount of money
         * @example {
         *       "amount_minor": 1299,
         *       "currency": "EUR"
         *     }
         */
        Money: {
            /** @description amount in the currency's minor unit (cents) */
            amount_minor: number;
            /** @description ISO 4217 currency code */
            currency: string;
        };
        /**
         * @description `lot`: stock of this product is tracked by lot
         * @enum {string}
         */
        Tracking: "none" | "lot";
        TrackingView: {
            order: {
                channel_order_id: string;
                status: string;
                /** Format: date-time */
                created_at: string;
                lines: {
                    sku: string;
                    name: string;
                    quantity: number;
                    shipped: number;
                }[];
            };
            shipments: {
                status: string;
                carrier?: string | null;
                service?: string | null;
                tracking_number?: string | null;
                tracking_status?: string | null;
                /** Format: date-time */
                shipped_at?: string | null;
                /** Format: date-time */
                delivered_at?: string | null;
            }[];
        };
        /** @description lot expiry: a date `YYYY-MM-DD` or an RFC 3339 time */
        Expiry: string;
        /** @description body of `PUT /api/v1/products/{sku}` */
        ProductInput: {
            name: string;
            /** @description barcodes of the product; a barcode belongs to one product only */
            barcodes?: string[];
            /** @description weight in grams */
            weight_g: number;
            /** @description length in millimetres */
            length_mm: number;
            /** @description width in millimetres */
            width_mm: number;
            /** @description height in millimetres */
            height_mm: number;
            /** @default none */
            tracking?: components["schemas"]["Tracking"];
            /** @description shelf life in days */
            shelf_life_days?: number;
            /** @description the zone the product must be stored in (cold, hazmat, ...): putaway sends it only to pick and storage locations of that zone (422 `wrong_zone` otherwise) */
            storage_zone?: string;
        };
        /** @description a product */
        Product: {
            sku: components["schemas"]["Sku"];
            name: string;
            barcodes: string[];
            weight_g: number;
            length_mm: number;
            width_mm: number;
            height_mm: number;
            tracking: components["schemas"]["Tracking"];
            shelf_life_days: number | null;
            /** @description the zone the product must be stored in, or null */
            storage_zone: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            updated_at: string;
        };
        ProductList: {
            products: components["schemas"]["Product"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description a postal address; every part is optional */
        Address: {
            line1?: string | null;
            line2?: string | null;
            city?: string | null;
            postal_code?: string | null;
            /** @description country code, e.g. `DE` */
            country?: string | null;
        };
        /** @description body of `PUT /api/v1/warehouses/{code}` */
        WarehouseInput: {
            name: string;
            address?: components["schemas"]["Address"];
            /** @description latitude in degrees */
            latitude?: number;
            /** @description longitude in degrees */
            longitude?: number;
        };
        /** @description a warehouse */
        Warehouse: {
            code: string;
            name: string;
            address: components["schemas"]["Address"] | null;
            /** @description latitude in degrees */
            latitude: number | null;
            /** @description longitude in degrees */
            longitude: number | null;
        };
        WarehouseList: {
            warehouses: components["schemas"]["Warehouse"][];
            next_cursor?: components["schemas"]["Cursor"];
        };
        /** @description body of `POST /api/v1/warehouses/{code}/layout`. Storage locations are named `A01-001-1` (aisle, bay, level); it also makes `RECV-01`, `PACK-01`, `SHIP-01` and `QUAR-01`. Aisle `a` lies at `x_mm = a·aisle_pitch_mm`, bay `b` at `y_mm = cross_aisle_mm + (b − ½)·bay_width_mm`; the depot (packing) is at `y_mm = 0`. */
        LayoutInput: {
            /** @description number of aisles */
            aisles: number;
            /** @description bays per aisle */
            bays: number;
            /** @description levels per bay */
            levels: number;
            /**
             * @description levels up to this one are `pick` faces, those above `storage` (reserve)
             * @default 1
             */
            pick_levels?: number;
            /** @default A */
            zone?: string;
            /** @default 3000 */
            aisle_pitch_mm?: number;
            /** @default 1000 */
            bay_width_mm?: number;
            /** @default 3000 */
            cross_aisle_mm?: number;
            /** @default 1000000 */
            max_volume_cm3?: number;
            /** @default 500000 */
            max_weight_g?: number;
            /**
             * @description class-based storage: the bays nearest the packing location get velocity class A (nearest 20 %), then B (30 %), then C; putaway sends A products to A locations first
             * @default false
             */
            velocity_classes?: boolean;
        };
        LayoutResult: {
            locations_created: number;
        };
        /** @enum {string} */
        LocationType: "receiving" | "storage" | "pick" | "staging" | "packing" | "shipping" | "quarantine";
        /** @description body of `PUT /api/v1/warehouses/{code}/locations/{loc}` */
        LocationInput: {
            type: components["schemas"]["LocationType"];
            zone?: string;
            aisle?: number;
            bay?: number;
            level?: number;
            x_mm?: number;
            y_mm?: number;
            max_volume_cm3?: number;
            max_weight_g?: number;
            /** @description only `pick` and `storage` may be allocatable (their default); the others are not */
            allocatable?: boolean;
            /**
             * @description the pick velocity class the slot is meant for; putaway sends a product to locations of its own ABC class first
             * @enum {string}
             */
            velocity_class?: "A" | "B" | "C";
        };
        /** @description a location in a warehouse */
        Location: {
            code: string;
            warehouse: string;
            type: components["schemas"]["LocationType"];
            zone: string | null;
            aisle: number | null;
            bay: number | null;
            level: number | null;
            x_mm: number | null;
            y_mm: number | null;
            max_volume_cm3: number | null;
            max_weight_g: number | null;
            allocatable: boolean;
            /**
             * @description the pick velocity class the slot is meant for; putaway sends a product to locations of its own ABC class first
             * @enum {string|null}
             */
            velocity_class: "A" | "B" | "C" | null;
        };
        LocationList: {
            locations: components["schemas"]["Location"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description body of `POST /api/v1/inventory/adjustments` */
        AdjustmentInput: {
            warehouse: string;
            location: string;
            sku: components["schemas"]["Sku"];
            /** @description signed, non-zero: positive moves `virtual:adjustment → location`, negative `location → virtual:adjustment` */
            quantity: number;
            lot?: string;
            expiry?: components["schemas"]["Expiry"];
            reason: string;
        };
        /** @description the stock move an adjustment made */
        Adjustment: {
            move_id: number;
            warehouse: string;
            location: string;
            sku: components["schemas"]["Sku"];
            lot: string | null;
            expiry: string | null;
            quantity: number;
            /** @description the balance at that location and lot afterwards */
            on_hand: number;
        };
        InventoryLocation: {
            location: string;
            lot: string | null;
            expiry: string | null;
            on_hand: number;
            reserved: number;
        };
        /** @description a warehouse's stock of the product; to a counting role, a warehouse with a location under an open count shows `hidden` and null totals, and no rows at counted locations */
        InventoryWarehouse: {
            warehouse: string;
            hidden?: components["schemas"]["Hidden"];
            /** @description stock in allocatable locations */
            on_hand: number | null;
            allocated: number | null;
            /** @description `on_hand − allocated` */
            available: number | null;
            locations: components["schemas"]["InventoryLocation"][];
        };
        /** @description the stock of one product */
        Inventory: {
            sku: components["schemas"]["Sku"];
            warehouses: components["schemas"]["InventoryWarehouse"][];
        };
        /** @description a stock move in the ledger */
        Move: {
            id: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            at: string;
            warehouse: string;
            /** @description a location code or a virtual location (`virtual:supplier`, `virtual:customer`, `virtual:adjustment`, `virtual:scrap`, `virtual:transit`) */
            from_location: string;
            /** @description a location code or a virtual location */
            to_location: string;
            sku: components["schemas"]["Sku"];
            lot: string | null;
            /** @description a positive integer; null with `hidden` when the move touches a location under an open count and the caller counts */
            quantity: number | null;
            reason: string;
            /** @description what the move belongs to, if anything */
            ref: {
                type: string;
                id: number | null;
            } | null;
            hidden?: components["schemas"]["Hidden"];
        };
        MoveList: {
            moves: components["schemas"]["Move"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description body of `PUT /api/v1/channels/{code}` */
        ChannelInput: {
            name: string;
        };
        /** @description a sales channel */
        Channel: {
            code: string;
            name: string;
        };
        ChannelList: {
            channels: components["schemas"]["Channel"][];
            next_cursor?: components["schemas"]["Cursor"];
        };
        /** @description where an order ships to */
        ShipTo: {
            name: string;
            line1: string;
            line2?: string | null;
            city: string;
            postal_code: string;
            /** @description country code, e.g. `DE` */
            country: string;
            /** @description latitude in degrees */
            latitude?: number | null;
            /** @description longitude in degrees */
            longitude?: number | null;
        };
        CustomerInput: {
            /** Format: email */
            email: string;
            name: string;
            phone?: string;
        };
        Customer: {
            id: number;
            /** Format: email */
            email: string;
            name: string;
            phone: string | null;
        };
        OrderLineInput: {
            sku: components["schemas"]["Sku"];
            /** @description a positive integer */
            quantity: number;
            unit_price?: {
                amount_minor?: number;
            } & components["schemas"]["Money"];
        };
        /** @description body of `POST /api/v1/orders` */
        OrderInput: {
            channel: string;
            /** @description the order's id in the channel; `(channel, channel_order_id)` makes the request idempotent */
            channel_order_id: string;
            customer: components["schemas"]["CustomerInput"];
            ship_to: components["schemas"]["ShipTo"];
            lines: components["schemas"]["OrderLineInput"][];
            /**
             * @description higher first
             * @default 0
             */
            priority?: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            ship_by?: string;
            /** @description the UTC day delivery was promised by; shipping without a deadline of its own buys the cheapest service that arrives by then */
            deliver_by?: string;
            /** @description when given, the order is created on hold with this reason */
            hold?: string;
        };
        /**
         * @description derived from the lines and fulfillments
         * @enum {string}
         */
        OrderStatus: "cancelled" | "on_hold" | "delivered" | "shipped" | "partially_shipped" | "in_fulfillment" | "backordered" | "allocated";
        /** @description an order line; `quantity = allocated + picked + packed + shipped + backordered + cancelled`; `returned` counts shipped units received back (returns) */
        OrderLine: {
            id: number;
            sku: components["schemas"]["Sku"];
            /** @description a positive integer */
            quantity: number;
            unit_price: components["schemas"]["Money"] | null;
            allocated: number;
            picked: number;
            packed: number;
            shipped: number;
            backordered: number;
            cancelled: number;
            /** @description units received back from the customer (part of `shipped`) */
            returned: number;
        };
        /**
         * @description `pending` (order on hold) → `released` → `picking` (in a wave) → `picked` → `packed` → `shipped` → `delivered`, or `cancelled`
         * @enum {string}
         */
        FulfillmentStatus: "pending" | "released" | "picking" | "picked" | "packed" | "shipped" | "delivered" | "cancelled";
        /** @description a fulfillment as shown in an order */
        FulfillmentSummary: {
            id: number;
            warehouse: string;
            status: components["schemas"]["FulfillmentStatus"];
            carrier: string | null;
            service: string | null;
            tracking_number: string | null;
            /**
             * @description the carrier's latest tracking event, or null
             * @enum {string|null}
             */
            tracking_status: "in_transit" | "out_for_delivery" | "delivered" | "exception" | null;
        };
        /** @description an order */
        Order: {
            id: number;
            channel: string;
            channel_order_id: string;
            status: components["schemas"]["OrderStatus"];
            customer: components["schemas"]["Customer"];
            ship_to: components["schemas"]["ShipTo"];
            priority: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            ship_by: string | null;
            /**
             * Format: date-time
             * @description the promised delivery day (start, UTC), or null
             */
            deliver_by: string | null;
            hold_reason: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            lines: components["schemas"]["OrderLine"][];
            fulfillments: components["schemas"]["FulfillmentSummary"][];
            /** @description 32 hex digits; the key of the customer's tracking page (GET /tracking/{token}) */
            tracking_token: string;
        };
        OrderList: {
            orders: components["schemas"]["Order"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description body of `POST /api/v1/orders/{id}/hold` */
        HoldInput: {
            reason: string;
        };
        FulfillmentLine: {
            sku: components["schemas"]["Sku"];
            /** @description a positive integer */
            quantity: number;
            allocated: number;
            picked: number;
            packed: number;
            shipped: number;
        };
        PackageItem: {
            sku: components["schemas"]["Sku"];
            /** @description a positive integer */
            quantity: number;
        };
        /** @description a package of a fulfillment */
        Package: {
            id: number;
            /** @description a box of the catalogue */
            box: string | null;
            /** @description weighed at the pack station */
            weight_g: number | null;
            /** @description the contents plus the box's tare */
            expected_weight_g: number | null;
            /** @description SSCC-18 of the package, printed on its label as GS1-128 */
            sscc: string | null;
            items: components["schemas"]["PackageItem"][];
        };
        /** @description one shipment of an order from one warehouse */
        Fulfillment: {
            id: number;
            order_id: number;
            warehouse: string;
            status: components["schemas"]["FulfillmentStatus"];
            lines: components["schemas"]["FulfillmentLine"][];
            packages: components["schemas"]["Package"][];
            carrier: string | null;
            service: string | null;
            tracking_number: string | null;
            /** @description the carrier's latest tracking event */
            tracking_status: components["schemas"]["TrackingStatus"] | null;
            /** @description what the carrier charges, when the shipment was rated */
            price: components["schemas"]["Money"] | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            shipped_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            delivered_at: string | null;
        };
        PackageInput: {
            /** @description a box of the catalogue (`PUT /api/v1/boxes/{code}`); `422 unknown_box` otherwise. Its size is what carriers rate */
            box?: string;
            /** @description the scale's reading; with a box it must be within 5 % (at least 20 g) of the contents plus tare, else `422 weight_mismatch` */
            weight_g?: number;
            items: components["schemas"]["PackageItem"][];
        };
        /** @description body of `POST /api/v1/fulfillments/{id}/pack`; the packages must hold exactly what was picked */
        PackInput: {
            packages: components["schemas"]["PackageInput"][];
        };
        /** @description body of `POST /api/v1/fulfillments/{id}/ship`; every member is optional */
        ShipInput: {
            /** @description a configured carrier is priced (its cheapest service in time, or `service`); another code is recorded as named, unpriced. Absent: the cheapest configured service in time of all carriers */
            carrier?: string;
            /** @description needs `carrier` */
            service?: string;
            /** @description generated when not given */
            tracking_number?: string;
            /** @description deadline for the delivery when rating (as in `QuoteInput.deliver_by`) */
            deliver_by?: string;
        };
        /** @description body of `POST /api/v1/waves` */
        WaveInput: {
            warehouse: string;
            /**
             * @description At most 1000, or 300 with a `cart` (batching is the longer part of the one write command a wave is; release more as several waves).
             * @default 100
             */
            max_orders?: number;
            cart?: components["schemas"]["Cart"];
            /**
             * @description how fulfillments are grouped onto carts when `cart` is given (see docs/optimization.md)
             * @default auto
             * @enum {string}
             */
            batching?: "auto" | "fcfs" | "seed" | "savings" | "ils" | "alns";
        };
        /** @description a wave of released fulfillments and its pick lists */
        Wave: {
            id: number;
            warehouse: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            /** @description ids of the fulfillments in the wave */
            fulfillments: number[];
            pick_lists: components["schemas"]["PickList"][];
            /** @description how the wave's fulfillments were grouped onto carts; null when the wave was made without a cart (one pick list) */
            batching: null | components["schemas"]["WaveBatching"];
        };
        /** @enum {string} */
        PickLineStatus: "open" | "done" | "short";
        PickLine: {
            id: number;
            sequence: number;
            location: string;
            sku: components["schemas"]["Sku"];
            /** @description the lot to pick; empty when none */
            lot: string;
            /** @description a positive integer */
            quantity: number;
            picked: number;
            short: number;
            status: components["schemas"]["PickLineStatus"];
            fulfillment_id: number;
        };
        /** @description a pick list */
        PickList: {
            id: number;
            wave_id: number;
            warehouse: string;
            /** @enum {string} */
            status: "open" | "done";
            route: components["schemas"]["PickRoute"] | null;
            lines: components["schemas"]["PickLine"][];
        };
        /** @description body of `POST /api/v1/pick-lists/{id}/picks` */
        PickInput: {
            /** @description without it the first open line at that location for that product is taken */
            line_id?: number;
            location: string;
            /** @description any of the product's barcodes or its SKU */
            barcode: string;
            /** @description a positive integer */
            quantity: number;
        };
        /** @description body of `POST /api/v1/pick-lists/{id}/shorts` */
        ShortInput: {
            line_id: number;
            /** @description units found; they are picked, the missing ones are written off the location */
            quantity_found: number;
        };
        /**
         * @description a carrier's tracking status; `delivered` delivers the fulfillment
         * @enum {string}
         */
        TrackingStatus: "in_transit" | "out_for_delivery" | "delivered" | "exception";
        /** @description how the pick list's lines were ordered: the walk from the packing location through the aisles and back */
        PickRoute: {
            /** @description the routing method that ran: `exact`, `local_search`, `s_shape`, …; `s_shape` with algorithm `location_order` when the layout could not be routed (lines in location order, `length_mm` null) */
            method: string;
            /** @description how: `ratliff_rosenthal`, `held_karp`, `2opt_oropt`, `location_order`, … */
            algorithm: string | null;
            /** @description the walk's length in millimetres */
            length_mm: number | null;
            /** @description true only when the method proved the length is the minimum */
            optimal: boolean;
        };
        /** @description body of `PUT /api/v1/suppliers/{code}`; `PUT` replaces the supplier whole */
        SupplierInput: {
            name: string;
            /**
             * @description how much more than expected a purchase-order line of this supplier may receive, in ‰ of the expected quantity
             * @default 0
             */
            over_receipt_tolerance_permille?: number;
        };
        /** @description a supplier */
        Supplier: {
            code: string;
            name: string;
            over_receipt_tolerance_permille: number;
        };
        SupplierList: {
            suppliers: components["schemas"]["Supplier"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /**
         * @description `open` (nothing received) → `receiving` → `closed` (every line closed, or closed by hand); or `cancelled` while nothing is received
         * @enum {string}
         */
        PurchaseOrderStatus: "open" | "receiving" | "closed" | "cancelled";
        PurchaseOrderLineInput: {
            sku: components["schemas"]["Sku"];
            /** @description units expected */
            quantity: number;
            /** @description price per unit in minor units of the site's currency; becomes the product's standard cost (shrinkage value) */
            unit_cost_minor?: number;
        };
        /** @description body of `POST /api/v1/purchase-orders` */
        PurchaseOrderInput: {
            /** @description the purchase order's number, unique; a purchase order is never replaced (cancel it and make another) */
            number: string;
            /** @description a supplier's code */
            supplier: string;
            /** @description the receiving warehouse's code */
            warehouse: string;
            /** @description when the goods are expected (advance shipping notice): RFC 3339 time or `YYYY-MM-DD` */
            expected_at?: string;
            /** @description line `n` of the array is `line_no` n + 1 */
            lines: components["schemas"]["PurchaseOrderLineInput"][];
        };
        /** @description a purchase-order line */
        PurchaseOrderLine: {
            line_no: number;
            sku: components["schemas"]["Sku"];
            expected: number;
            /** @description good units received */
            received: number;
            /** @description units received damaged (they went to quarantine) */
            damaged: number;
            /** @description `max(0, expected − received − damaged)` */
            open: number;
            unit_cost_minor: number | null;
            /** @description no more is received on it: fully received, closed by a receipt with `close_line`, or by closing the purchase order */
            closed: boolean;
        };
        /** @description a purchase order (doubling as advance shipping notice) */
        PurchaseOrder: {
            number: string;
            supplier: string;
            warehouse: string;
            status: components["schemas"]["PurchaseOrderStatus"];
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            expected_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            lines: components["schemas"]["PurchaseOrderLine"][];
        };
        PurchaseOrderList: {
            purchase_orders: components["schemas"]["PurchaseOrder"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description body of `POST /api/v1/purchase-orders/{number}/receipts`: a `scan`, a `sku`, or both (they must name the same product) */
        ReceiptInput: {
            /** @description what the dock scanned: a GS1 element string (`(01)…(17)…(10)…`, `[01]…`, or raw scanner data with FNC1/GS), a GTIN, a product barcode or a SKU. A GS1 string gives product (AI 01), lot (10), expiry (17), serial (21), SSCC (00) and count (30/37); a malformed one is `422 invalid_gs1`, a wrong check digit `422 invalid_check_digit` */
            scan?: string;
            sku?: components["schemas"]["Sku"];
            /** @description which line, when the product is on several; default: its first open line */
            line_no?: number;
            /** @description must agree with a scanned AI 10 */
            lot?: string;
            /** @description lot expiry; must agree with a scanned AI 17 */
            expiry?: components["schemas"]["Expiry"];
            /** @description units received; required unless the scan carries a count (AI 30/37) or a serial (AI 21: 1 unit) */
            quantity?: number;
            /**
             * @description damaged units go to the quarantine location and get no putaway task
             * @default false
             */
            damaged?: boolean;
            /** @description a receiving location (a quarantine location when `damaged`); default: the warehouse's first one */
            location?: string;
            /**
             * @description no more of this line is coming: close it short
             * @default false
             */
            close_line?: boolean;
        };
        /** @description a receipt: one ledger move `virtual:supplier → location` and the line's counters, in one transaction */
        Receipt: {
            id: number;
            purchase_order: string;
            line_no: number;
            sku: components["schemas"]["Sku"];
            /** @description empty when the product is not lot-tracked */
            lot: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            expiry: string | null;
            /** @description from a scanned AI 21 */
            serial: string | null;
            /** @description from a scanned AI 00 */
            sscc: string | null;
            quantity: number;
            damaged: boolean;
            /** @description where the units are now (receiving, or quarantine when damaged) */
            location: string;
            /** @description the putaway task made for good units; null for damaged ones */
            putaway_task_id: number | null;
            /** @description where the putaway rules suggest the units go (the product's pick face with room, a location with the same lot, else the nearest with room); null when nothing fits */
            suggested_location: string | null;
            purchase_order_after: components["schemas"]["PurchaseOrder"];
        };
        /** @enum {string} */
        TaskType: "putaway" | "replenishment" | "pick" | "count" | "move";
        /**
         * @description `open` → `in_progress` (claimed by one worker) → `done`, or `cancelled`
         * @enum {string}
         */
        TaskStatus: "open" | "in_progress" | "done" | "cancelled";
        /** @description what the task belongs to */
        TaskRef: {
            /** @description `receipt`, `pick_list`, `count` or `pick_face` (id: the pick face's location id) */
            type: string;
            id: number | null;
        };
        /** @description a unit of work in a warehouse's queue */
        Task: {
            id: number;
            warehouse: string;
            type: components["schemas"]["TaskType"];
            status: components["schemas"]["TaskStatus"];
            /** @description higher first (replenishment of an empty face 80, recount 70, other replenishment 60, putaway 50, pick 40, unplanned count 30, planned count 20) */
            priority: number;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            due_at: string | null;
            /** @description the zone of the location the work starts at */
            zone: string | null;
            sku: components["schemas"]["Sku"] | null;
            /** @description empty when none */
            lot: string;
            quantity: number | null;
            from_location: string | null;
            /** @description the suggested destination */
            to_location: string | null;
            /** @description where the work really ended */
            done_location: string | null;
            done_quantity: number | null;
            ref: components["schemas"]["TaskRef"] | null;
            /** @description the worker (token name) holding or having done it */
            assigned_to: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            started_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            finished_at: string | null;
            /** @description estimated walk (Manhattan) from the worker's last position to the task and through it */
            travel_mm: number | null;
        };
        TaskList: {
            tasks: components["schemas"]["Task"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        NextTask: {
            /** @description null when there is nothing to do */
            task: components["schemas"]["Task"] | null;
        };
        /** @description body of `POST /api/v1/tasks/{id}/complete` */
        TaskCompletion: {
            /** @description the scanned destination; another than the suggested one is accepted when it is a pick or storage location with room (recorded, `task.redirected`) */
            location: string;
            /** @description units moved, at most the task's quantity (default); the rest becomes a new open task */
            quantity?: number;
        };
        /** @description body of `PUT /api/v1/warehouses/{code}/pick-faces/{loc}` */
        PickFaceInput: {
            sku: components["schemas"]["Sku"];
            /** @description replenish when free stock (on hand less open picks' reservations) falls below this; must be below `max_quantity` */
            min_quantity: number;
            /** @description fill up to this many units on the face */
            max_quantity: number;
        };
        /** @description a fixed pick face of a product */
        PickFace: {
            location: string;
            sku: components["schemas"]["Sku"];
            min_quantity: number;
            max_quantity: number;
            on_hand: number | null;
            /** @description held by open pick lines */
            reserved: number | null;
            hidden?: components["schemas"]["Hidden"];
        };
        PickFaceList: {
            pick_faces: components["schemas"]["PickFace"][];
        };
        /** @description body of `POST /api/v1/replenishment` */
        ReplenishmentInput: {
            warehouse: string;
            /** @description only this product's pick faces; default: all */
            sku?: components["schemas"]["Sku"];
        };
        TaskBatch: {
            /** @description the tasks made, possibly none */
            tasks: components["schemas"]["Task"][];
        };
        /**
         * @description `open` → `counting` (started) → `accepted` (within tolerance, posted), `recount` (outside it on the first attempt: count again) or `needs_approval` (outside it on the last attempt) → `approved` (posted) or `rejected` (the record stands)
         * @enum {string}
         */
        CountStatus: "open" | "counting" | "recount" | "needs_approval" | "accepted" | "approved" | "rejected" | "cancelled";
        /** @description body of `POST /api/v1/counts/plan` */
        CountPlanInput: {
            warehouse: string;
            /** @description the day to plan (its UTC date); default today */
            date?: string;
            /**
             * @description count A locations every this many days
             * @default 30
             */
            a_days?: number;
            /** @default 90 */
            b_days?: number;
            /** @default 365 */
            c_days?: number;
            /**
             * @description pick history the ABC classes are made from
             * @default 90
             */
            lookback_days?: number;
            /**
             * @description a count within `max(tolerance_units, ⌊expected × tolerance_permille / 1000⌋)` of the record is accepted and posted without approval
             * @default 0
             */
            tolerance_units?: number;
            /** @default 0 */
            tolerance_permille?: number;
            /** @description cap on counts opened; default: the daily workload that keeps every location on schedule */
            max_locations?: number;
        };
        /** @description body of `POST /api/v1/counts`: an unplanned count of one location */
        CountInput: {
            warehouse: string;
            location: string;
            /**
             * @description count A locations every this many days
             * @default 30
             */
            a_days?: number;
            /** @default 90 */
            b_days?: number;
            /** @default 365 */
            c_days?: number;
            /**
             * @description pick history the ABC classes are made from
             * @default 90
             */
            lookback_days?: number;
            /**
             * @description a count within `max(tolerance_units, ⌊expected × tolerance_permille / 1000⌋)` of the record is accepted and posted without approval
             * @default 0
             */
            tolerance_units?: number;
            /** @default 0 */
            tolerance_permille?: number;
            /** @description cap on counts opened; default: the daily workload that keeps every location on schedule */
            max_locations?: number;
        };
        CountedItemInput: {
            sku: components["schemas"]["Sku"];
            /** @description empty or absent for products not tracked by lot */
            lot?: string;
            /** @description units found on the shelf */
            quantity: number;
        };
        /** @description body of `POST /api/v1/counts/{id}/submit`: every product and lot found in the location; what is not listed counts as zero */
        CountSubmitInput: {
            /** @description the scanned location; must be the count's (`422 wrong_location`) */
            location: string;
            /** @description each sku and lot once */
            lines: components["schemas"]["CountedItemInput"][];
        };
        /** @description body of `POST /api/v1/counts/submissions`: a count found by the scanned location */
        CountSubmissionInput: {
            warehouse: string;
            location: string;
            /** @description each sku and lot once; what is not listed counts as zero */
            lines: components["schemas"]["CountedItemInput"][];
        };
        /** @description a line of the latest attempt; `expected` and `variance` only for managers and admins (counts are blind for everyone else) */
        CountLine: {
            sku: components["schemas"]["Sku"];
            /** @description empty when none */
            lot: string;
            counted: number;
            /** @description the record as of the start of counting, with moves during the count added back */
            expected?: number;
            /** @description `counted − expected` */
            variance?: number;
        };
        /** @description a cycle count of one location */
        Count: {
            id: number;
            warehouse: string;
            location: string;
            status: components["schemas"]["CountStatus"];
            attempt: number;
            /**
             * Format: date
             * @description the plan's day; null for an unplanned count
             */
            plan_date: string | null;
            counted_by: string | null;
            decided_by: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            started_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            submitted_at: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            decided_at: string | null;
            /** @description the latest count task */
            task_id: number | null;
            lines: components["schemas"]["CountLine"][];
        };
        CountList: {
            counts: components["schemas"]["Count"][];
            next_cursor: components["schemas"]["Cursor"];
        };
        /** @description what a count plan opened */
        CountPlan: {
            /** Format: date */
            date: string;
            products_classified: number;
            /** @description due on that day, before the cap */
            locations_due: number;
            /** @description the counts opened, most overdue first */
            counts: components["schemas"]["Count"][];
        };
        /**
         * @description `authorized` → `received` (some units back) → `closed` (every authorised unit received and inspected)
         * @enum {string}
         */
        ReturnStatus: "authorized" | "received" | "closed" | "cancelled";
        /** @description an order line to take back: `order_line_id`, or `sku` when the order has one line of it */
        ReturnLineInput: {
            order_line_id?: number;
            sku?: components["schemas"]["Sku"];
            quantity: number;
            /** @description default: the return's reason */
            reason?: string;
        };
        /** @description body of `POST /api/v1/returns` */
        ReturnInput: {
            order_id: number;
            reason: string;
            lines: components["schemas"]["ReturnLineInput"][];
        };
        ReturnedItemInput: {
            sku: components["schemas"]["Sku"];
            quantity: number;
        };
        /** @description body of `POST /api/v1/returns/{id}/receive` */
        ReturnReceiveInput: {
            /** @description a receiving location; default: the warehouse's first one */
            location?: string;
            lines: components["schemas"]["ReturnedItemInput"][];
        };
        /**
         * @description `restock`: to a pick or storage location with room, sellable at once; `quarantine`: to the quarantine location; `scrap`: to `virtual:scrap`
         * @enum {string}
         */
        Disposition: "restock" | "quarantine" | "scrap";
        InspectionLineInput: {
            sku: components["schemas"]["Sku"];
            quantity: number;
            disposition: components["schemas"]["Disposition"];
            /** @description where to restock; required for `restock` */
            location?: string;
        };
        /** @description body of `POST /api/v1/returns/{id}/inspect` */
        ReturnInspectInput: {
            lines: components["schemas"]["InspectionLineInput"][];
        };
        /** @description `received = restocked + quarantined + scrapped + awaiting_inspection`; `received ≤ authorized` */
        ReturnLine: {
            id: number;
            order_line_id: number;
            sku: components["schemas"]["Sku"];
            /** @description the lot shipped; empty when none */
            lot: string;
            authorized: number;
            received: number;
            restocked: number;
            quarantined: number;
            scrapped: number;
            awaiting_inspection: number;
            reason: string;
        };
        /** @description a return authorisation (RMA) against shipped order lines */
        Return: {
            id: number;
            order_id: number;
            /** @description the warehouse the units go back to: the one that shipped the first line */
            warehouse: string;
            status: components["schemas"]["ReturnStatus"];
            reason: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            created_at: string;
            lines: components["schemas"]["ReturnLine"][];
        };
        ReturnList: {
            returns: components["schemas"]["Return"][];
        };
        /** @description body of `PUT /api/v1/boxes/{code}`; the code comes from the path */
        BoxInput: {
            inner_length_mm: number;
            inner_width_mm: number;
            inner_height_mm: number;
            /** @description gross: contents plus the box */
            max_weight_g: number;
            /** @description the empty box */
            tare_weight_g: number;
            /** @description what one box costs, in the site's currency */
            cost_minor: number;
        };
        /** @description a shipping carton of the catalogue */
        Box: {
            code: string;
            inner_length_mm: number;
            inner_width_mm: number;
            inner_height_mm: number;
            max_weight_g: number;
            tare_weight_g: number;
            cost_minor: number;
        };
        BoxList: {
            boxes: components["schemas"]["Box"][];
        };
        /** @description a whole country, or the postal codes of a country that begin with `postal_prefix` (compared uppercased, without spaces and hyphens); the longest matching prefix wins */
        ZoneArea: {
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            /** @default  */
            postal_prefix?: string;
        };
        /** @description packages up to and including `max_weight_g` (billable) cost `price_minor` */
        RateBracket: {
            max_weight_g: number;
            price_minor: number;
        };
        RateZone: {
            code: string;
            areas: components["schemas"]["ZoneArea"][];
            /** @description strictly ascending in weight, never cheaper when heavier; heavier than the last: not carried */
            rates: components["schemas"]["RateBracket"][];
        };
        /** @description per package; an absent limit does not limit. Sides compare orientation-free (longest against length, …), so length ≥ width ≥ height */
        PackageLimits: {
            max_weight_g?: number;
            max_length_mm?: number;
            max_width_mm?: number;
            max_height_mm?: number;
        };
        CarrierService: {
            code: string;
            name: string;
            /** @description business days (Mon–Fri) after the ship day; 0 = same day */
            transit_days: number;
            /** @description ISO 4217, of every price in the zones */
            currency: string;
            /** @description volume that bills as one kilogram (5000 is common); 0 bills actual weight only */
            dimensional_divisor_cm3_per_kg: number;
            limits?: components["schemas"]["PackageLimits"];
            /** @description no zone code twice; no (country, postal_prefix) twice across the service's zones */
            zones: components["schemas"]["RateZone"][];
        };
        /** @description body of `PUT /api/v1/carriers/{code}`; the code comes from the path. Unknown members are ignored */
        CarrierInput: {
            name: string;
            /** @description no service code twice */
            services: components["schemas"]["CarrierService"][];
        };
        /** @description a carrier with its services and rate tables */
        Carrier: {
            code: string;
            name: string;
            services: components["schemas"]["CarrierService"][];
        };
        CarrierList: {
            carriers: components["schemas"]["Carrier"][];
        };
        PackageSpec: {
            weight_g: number;
            length_mm: number;
            width_mm: number;
            height_mm: number;
        };
        /** @description body of `POST /api/v1/rates/quote` */
        QuoteInput: {
            destination: {
                /** @description ISO 3166-1 alpha-2 */
                country: string;
                postal_code?: string;
            };
            packages: components["schemas"]["PackageSpec"][];
            /**
             * Format: date-time
             * @description when it is handed over (RFC 3339 time); default now. A Saturday or Sunday ship day moves to Monday
             */
            ship_at?: string;
            /** @description deadline for `best`, a UTC day: a quote is in time when it delivers on or before that day, whatever time of day is given */
            deliver_by?: string;
        };
        /** @description what one carrier service charges and when it delivers */
        Quote: {
            carrier: string;
            service: string;
            price: components["schemas"]["Money"];
            /** @description sum over the packages of max(actual, dimensional weight) */
            billable_weight_g: number;
            transit_business_days: number;
            /**
             * Format: date-time
             * @description the last millisecond (23:59:59.999Z) of the delivery day
             */
            estimated_delivery: string;
            zone: string;
        };
        QuoteResult: {
            /** @description every service that carries the shipment, by currency, then price, then transit days */
            quotes: components["schemas"]["Quote"][];
            /** @description the cheapest in time (equal prices: the earlier delivery); null, without `deliver_by`, when no service carries it or the quotes are in several currencies */
            best: components["schemas"]["Quote"] | null;
        };
        CartonAdvice: {
            fulfillment_id: number;
            /** @description weight of the units still to ship */
            items_weight_g: number;
            /** @description the one box that holds everything (the only carton), or null when it takes several cartons or none fits */
            suggestion: {
                /** @description a box code from the catalogue */
                box: string;
                items: {
                    sku: string;
                    quantity: number;
                }[];
                fill_volume_permille: number;
                /** @description the items plus the box's tare */
                gross_weight_g: number;
            } | null;
            /** @description the 3D packing (extreme-point best-fit decreasing, rotations allowed) of the units still to ship into the box catalogue: fewest cartons, then lowest cost; empty when nothing can be packed */
            cartons: {
                /** @description a box code from the catalogue */
                box: string;
                items: {
                    sku: string;
                    quantity: number;
                }[];
                fill_volume_permille: number;
                /** @description the items plus the box's tare */
                gross_weight_g: number;
            }[];
            /** @description items volume / cartons volume, over all cartons */
            fill_volume_permille: number;
            /** @description no packing can use fewer cartons (volume and weight bound) */
            lower_bound_cartons: number;
            /** @description `ep_bfd` (or `ep_bfd+shelf` when a work budget ran out), null when nothing was packed */
            method: string | null;
            /** @description why nothing could be packed (a unit no box holds, a product without a size), else null */
            unpackable: string | null;
        };
        /** @description body of `POST /api/v1/fulfillments/{id}/tracking-events` */
        TrackingEventInput: {
            status: components["schemas"]["TrackingStatus"];
            /**
             * Format: date-time
             * @description when it happened; default now
             */
            at?: string;
            detail?: string;
        };
        TrackingEventResult: {
            fulfillment_id: number;
            status: components["schemas"]["FulfillmentStatus"];
            tracking_status: components["schemas"]["TrackingStatus"];
        };
        ManifestPackage: {
            id: number;
            sscc: string | null;
            /** @description weighed, else expected */
            weight_g: number | null;
        };
        ManifestEntry: {
            fulfillment_id: number;
            order_id: number;
            service: string;
            tracking_number: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            shipped_at: string;
            price: components["schemas"]["Money"] | null;
            ship_to: {
                country: string;
                postal_code: string;
            };
            packages: components["schemas"]["ManifestPackage"][];
        };
        /** @description what a carrier collects: the fulfillments shipped with it on one UTC day */
        Manifest: {
            carrier: string;
            /** Format: date */
            date: string;
            warehouse: string | null;
            fulfillments: number;
            packages: number;
            weight_g: number;
            /** @description by ship time */
            entries: components["schemas"]["ManifestEntry"][];
        };
        AccuracyPeriod: {
            locations_counted: number;
            /** @description counted locations whose record was exactly right */
            locations_exact: number;
            units_expected: number;
            /** @description Σ |counted − expected| */
            units_abs_variance: number;
            /** @description inventory record accuracy: `locations_exact / locations_counted`; 1 when nothing was counted */
            record_accuracy: number;
            /** @description `1 − units_abs_variance / units_expected`, floored at 0 */
            unit_accuracy: number;
        };
        AccuracyDay: {
            /** Format: date */
            day: string;
            locations_counted: number;
            /** @description counted locations whose record was exactly right */
            locations_exact: number;
            units_expected: number;
            /** @description Σ |counted − expected| */
            units_abs_variance: number;
            /** @description inventory record accuracy: `locations_exact / locations_counted`; 1 when nothing was counted */
            record_accuracy: number;
            /** @description `1 − units_abs_variance / units_expected`, floored at 0 */
            unit_accuracy: number;
        };
        /** @description over counts accepted or approved in `[from, to)` */
        InventoryAccuracyReport: {
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            from: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            to: string;
            total: components["schemas"]["AccuracyPeriod"];
            days: components["schemas"]["AccuracyDay"][];
        };
        /** @description net units that left the books for `virtual:adjustment` in `[from, to)` (losses minus finds): counts, short picks, manual adjustments */
        ShrinkageReport: {
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            from: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            to: string;
            units_lost: number;
            /** @description at the products' standard cost (the latest purchase-order `unit_cost_minor`); products without one count 0 */
            value_minor: number;
            /** @description per SKU, location and reason, most lost first */
            rows: {
                sku: components["schemas"]["Sku"];
                location: string;
                /** @description `cycle_count`, `short_pick`, `adjustment`, … */
                reason: string;
                units_lost: number;
                /** @description null when the product has no cost */
                value_minor: number | null;
            }[];
            days: {
                /** Format: date */
                day: string;
                units_lost: number;
                value_minor: number;
            }[];
        };
        /** @description per worker and task type, over tasks finished in `[from, to)` */
        ProductivityReport: {
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            from: string;
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            to: string;
            rows: {
                worker: string;
                type: components["schemas"]["TaskType"];
                tasks: number;
                units: number;
                /** @description Σ (finished − started) */
                busy_ms: number;
                /** @description Σ estimated travel */
                travel_mm: number;
                units_per_hour: number;
                tasks_per_hour: number;
            }[];
        };
        /** @enum {string} */
        EventType: "product.upserted" | "warehouse.upserted" | "location.upserted" | "layout.generated" | "stock.adjusted" | "channel.upserted" | "order.created" | "order.allocated" | "order.backordered" | "order.held" | "order.released" | "order.cancelled" | "fulfillment.created" | "fulfillment.released" | "wave.released" | "pick.confirmed" | "pick.short" | "fulfillment.picked" | "fulfillment.packed" | "fulfillment.shipped" | "fulfillment.delivered" | "fulfillment.picking" | "fulfillment.cancelled" | "task.created" | "task.claimed" | "task.done" | "task.cancelled" | "task.redirected" | "supplier.created" | "supplier.updated" | "purchase_order.created" | "purchase_order.received" | "purchase_order.closed" | "purchase_order.cancelled" | "pick_face.set" | "count.created" | "count.planned" | "count.started" | "count.submitted" | "count.accepted" | "count.approved" | "count.rejected" | "count.recount" | "count.needs_approval" | "return.authorized" | "return.received" | "return.inspected" | "return.closed" | "box.created" | "box.updated" | "carrier.created" | "carrier.updated" | "fulfillment.rated" | "fulfillment.tracking" | "supplier_product.upserted" | "supplier_product.deleted" | "forecasts.refreshed";
        /** @description an event in the feed */
        Event: {
            /** @description gap-free, increasing */
            seq: number;
            type: components["schemas"]["EventType"];
            /**
             * Format: date-time
             * @description RFC 3339 UTC time
             */
            at: string;
            /** @description what the event is about */
            subject: string;
            /** @description event-specific payload */
            data: Record<string, unknown>;
        };
        EventList: {
            events: components["schemas"]["Event"][];
            /** @description pass as `after` to poll for later events */
            next_after: number;
        };
        /** @description liveness */
        Health: {
            /** @example ok */
            status?: string;
        };
        MoveTaskInput: {
            /**
             * @description only move tasks are made by hand
             * @enum {string}
             */
            type: "move";
            warehouse: string;
            sku: string;
            /** @description required for lot-tracked products; default empty */
            lot?: string;
            quantity: number;
            from_location: string;
            /** @description where to; absent: the worker chooses and the scan is checked */
            to_location?: string;
            /** @default 30 */
            priority?: number;
            /** Format: date-time */
            due_at?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description what one picker's cart holds on one trip; a fulfillment is never split across carts, one larger than the cart gets a pick list of its own */
        Cart: {
            /** @description units */
            max_items: number;
            /** @description from the products' dimensions */
            max_volume_cm3?: number;
            /** @description totes: one fulfillment per tote */
            max_orders?: number;
        };
        WaveBatching: {
            /** @description the batching method that ran */
            method: string;
            /** @description the construction the improvement started from; `no_layout` when the locations could not be placed on an aisle model, `beyond_limits` when the batching core refused the wave (carts are then filled first come, first served) */
            construction: string;
            cart: components["schemas"]["Cart"];
            /** @description total walk of the wave's pick lists */
            route_length_mm: number | null;
            /** @description total walk with first-come-first-served carts, for comparison */
            fcfs_route_length_mm: number | null;
        };
        SlottingAdvice: {
            warehouse: string;
            /** @description the method that ran; never auto */
            method: string;
            days: number;
            /** @description pick locations on the aisle model that are free to slot */
            slots: number;
            /** @description expected walking per period with today's slotting */
            current_travel_mm: number;
            /** @description with every product in its target location */
            target_travel_mm: number;
            /** @description after the moves listed */
            planned_travel_mm: number;
            /** @description most picked first */
            products: {
                sku: string;
                picks: number;
                units: number;
                /** @enum {string} */
                abc_class: "A" | "B" | "C";
                current_location: string | null;
                target_location: string | null;
            }[];
            moves: {
                /** @description the two moves of a swap share a step */
                step: number;
                /** @enum {string} */
                kind: "relocate" | "swap";
                sku: string;
                from_location: string;
                to_location: string;
                /** @description walking per period this move saves (one move of a swap may be negative) */
                saving_mm: number;
            }[];
        };
        DemandHistory: {
            sku: string;
            warehouse: string | null;
            channel: string | null;
            days: {
                /** Format: date */
                date: string;
                units: number;
                stock_out: boolean;
            }[];
        };
        DemandForecast: {
            sku: string;
            warehouse: string | null;
            channel: string | null;
            history_days: number;
            /** @description history days treated as missing */
            stock_out_days: number;
            /** @description the model used (never auto) */
            model: string;
            variant: string;
            /** @description mean absolute scaled error of the rolling-origin backtest; null when the history is too short to backtest */
            backtest_mase: number | null;
            dates: string[];
            values: number[];
            /** @description 80 % prediction interval */
            lower: number[];
            upper: number[];
            /** @description sum of values over the horizon */
            total: number;
        };
        OrderKpis: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            channel: string | null;
            orders_placed: number;
            orders_cancelled: number;
            orders_shipped: number;
            orders_delivered: number;
            ship_cycle_time: null | {
                mean_ms: number;
                p50_ms: number;
                p90_ms: number;
            };
            delivery_cycle_time: null | {
                mean_ms: number;
                p50_ms: number;
                p90_ms: number;
            };
            fulfillments_shipped_with_ship_by: number;
            fulfillments_shipped_on_time: number;
            on_time_ship_rate: number | null;
            units_ordered: number;
            units_backordered_at_capture: number;
            orders_backordered: number;
            backorder_rate: number | null;
            fill_rate_at_capture: number | null;
            perfect_orders: number;
            perfect_order_rate: number | null;
        };
        Me: {
            name: string;
            /** @enum {string} */
            role: "admin" | "manager" | "operator" | "integration" | "viewer";
        };
        Dashboard: {
            /** Format: date-time */
            as_of: string;
            warehouse: string | null;
            orders_by_status: {
                [key: string]: number;
            };
            pipeline: {
                /** @enum {string} */
                stage: "released" | "picking" | "picked" | "packed";
                fulfillments: number;
                units: number;
                late: number;
                at_risk: number;
            }[];
            late: {
                fulfillment_id: number;
                order_id: number;
                warehouse: string;
                status: string;
                /** Format: date-time */
                ship_by: string;
                late: boolean;
            }[];
            today: {
                /** Format: date-time */
                from: string;
                hours: {
                    /** Format: date-time */
                    hour: string;
                    units_picked: number;
                    orders_shipped: number;
                }[];
            };
            alerts: {
                backorders: {
                    sku: string;
                    units: number;
                }[];
                pick_faces_below_min: {
                    warehouse: string;
                    location: string;
                    sku: string;
                    on_hand: number;
                    min: number;
                    max: number;
                }[];
            };
        };
        SupplierProduct: {
            supplier: string;
            sku: string;
            supplier_sku?: string | null;
            lead_time_days: number;
            lead_time_sigma_days: number;
            pack_size: number;
            min_order_qty: number;
            max_order_qty?: number | null;
            unit_cost_minor?: number | null;
            /** @description 1 = first choice among the product's suppliers */
            priority: number;
        };
        SupplierProductInput: {
            supplier_sku?: string | null;
            lead_time_days: number;
            lead_time_sigma_days?: number;
            pack_size?: number;
            min_order_qty?: number;
            max_order_qty?: number | null;
            unit_cost_minor?: number | null;
            /** @description 1 = first choice among the product's suppliers */
            priority?: number;
        };
        ForecastRefresh: {
            warehouse: string;
            /** Format: date-time */
            computed_at: string;
            products: number;
            forecasted: number;
            models: {
                [key: string]: number;
            };
            threads: number;
            read_ms: number;
            fit_ms: number;
            write_ms: number;
        };
        SupplierSuggestion: {
            supplier: string;
            total_units: number;
            total_value_minor: number;
            lines: {
                sku: string;
                quantity: number;
                unit_cost_minor: number;
                value_minor: number;
                abc_class?: string;
                forecast_model?: string;
                plan: {
                    policy: string;
                    protection_days: number;
                    demand_mean: number;
                    demand_sigma: number;
                    safety_factor: number;
                    safety_stock: number;
                    reorder_point: number;
                    order_up_to: number;
                    eoq: number | null;
                    inventory_position: number;
                    raw_quantity: number;
                    capped_at_maximum: boolean;
                    days_of_cover: number | null;
                    stockout_date: string | null;
                    reason: string;
                };
            }[];
        };
        ReorderSuggestions: {
            warehouse: string;
            suppliers: components["schemas"]["SupplierSuggestion"][];
            items: {
                sku: string;
                supplier: string;
                abc_class: string;
                forecast_model: string;
                forecast_kept: boolean;
            }[];
        };
        Throughput: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            bucket: string;
            units_picked: number;
            units_shipped: number;
            orders_shipped: number;
            units_picked_per_hour: number | null;
            orders_shipped_per_hour: number | null;
            buckets: {
                /** Format: date-time */
                start: string;
                units_picked: number;
                pick_lines: number;
                units_shipped: number;
                orders_shipped: number;
            }[];
        };
        Sales: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            group: string;
            channel: string | null;
            units: number;
            prior_units: number;
            change: number | null;
            rows: {
                key: string;
                orders: number;
                units: number;
                revenue_minor: {
                    [key: string]: number;
                };
                prior_units: number;
                change: number | null;
                /** @description a revenue sum passed 2^63 − 1 and shows as 9223372036854775807 */
                revenue_saturated: boolean;
            }[];
        };
        Space: {
            warehouse: string;
            /** Format: date-time */
            as_of: string;
            capacity_cm3: number;
            used_cm3: number | null;
            utilisation: number | null;
            zones: {
                zone: string;
                locations: number;
                occupied: number | null;
                capacity_cm3: number;
                used_cm3: number | null;
                utilisation: number | null;
                hidden?: components["schemas"]["Hidden"];
            }[];
        };
        DockToStock: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            receipts: number;
            units: number;
            dock_to_stock: null | {
                mean_ms?: number;
                p50_ms?: number;
                p90_ms?: number;
            };
        };
        BottleneckForecast: {
            warehouse: string;
            /** Format: date-time */
            start: string;
            task_times: {
                pick: {
                    per_order_ms: number;
                    per_line_ms: number;
                    per_unit_ms: number;
                    cv: number;
                    /** @enum {string} */
                    source: "history" | "default" | "request";
                    samples: number;
                };
                pack: {
                    per_order_ms: number;
                    per_line_ms: number;
                    per_unit_ms: number;
                    cv: number;
                    /** @enum {string} */
                    source: "history" | "default" | "request";
                    samples: number;
                };
                ship: {
                    per_order_ms: number;
                    per_line_ms: number;
                    per_unit_ms: number;
                    cv: number;
                    /** @enum {string} */
                    source: "history" | "default" | "request";
                    samples: number;
                };
            };
            open: {
                released: number;
                picking: number;
                picked: number;
                packed: number;
            };
            late_orders: number;
            orders_with_cutoff: number;
            on_time_rate: number;
            unshipped_orders: number;
            makespan_ms: number | null;
            stages: {
                /** @enum {string} */
                stage: "pick" | "pack" | "ship";
                orders: number;
                unfinished: number;
                /** Format: date-time */
                clear_at: string | null;
                utilisation: number;
                backlog: {
                    /** Format: date-time */
                    at: string;
                    queued: number;
                    in_progress: number;
                }[];
            }[];
            late: {
                fulfillment_id: number;
                order_id: number;
                /** Format: date-time */
                ship_by: string | null;
                /** Format: date-time */
                predicted_ship_at: string | null;
            }[];
            what_if: {
                name: string;
                extra_pickers: number;
                extra_packers: number;
                extra_loaders: number;
                late_orders: number;
                unshipped_orders: number;
                pick_clear_at: string | null;
                pack_clear_at: string | null;
                ship_clear_at: string | null;
                makespan_ms: number | null;
            }[];
        };
        /** @description readiness */
        Readiness: {
            /** @enum {string} */
            status: "ready" | "not_ready";
        };
    };
    responses: {
        /** @description `malformed_json`: the body is not JSON, or not a JSON object */
        MalformedJson: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unauthorized`: no token, or an unknown one */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `forbidden`: the token's role may not call this route */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `payload_too_large`: body over the limit (1 MiB by default) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `invalid_field`: a query parameter is of the wrong type or out of range; `field` names it */
        InvalidQuery: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `headers_too_large`: the request line and headers are over 16 KiB; the connection is closed */
        HeadersTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `too_many_requests`: this token already has 12 reads running or waiting (callers without a token: 32 together); nothing was read. Retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The server cannot answer the read now; nothing was read, retry after `Retry-After` seconds. `server_busy`: 256 reads are waiting; `too_many_connections`: the connection cap is reached (answered before the request is read, and the connection closed); `database_unavailable`: the database does not answer (unreachable, failing over); `shutting_down`: the server is stopping. `read_timeout` (without `Retry-After`): the read ran longer than the server allows (`serve --read-timeout`) and was stopped; ask for less. */
        ReadUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The server cannot take the write now; retry after `Retry-After` seconds. `too_many_connections`: the connection cap is reached (answered before the request is read: nothing was done); `database_unavailable`: the database cannot take it (unreachable, failing over, or the command lost to other servers' writes too often): nothing was written, or the outcome is unknown and a retry with the same `Idempotency-Key` (or `channel_order_id` for an order) is safe. */
        WriteUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `too_many_connections`: the connection cap is reached; answered before the request is read, and the connection closed. Retry after `Retry-After` seconds. */
        ServerFull: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description page size */
        Limit: number;
        /** @description opaque cursor from a previous page's `next_cursor` */
        Cursor: string;
        /** @description the product's SKU */
        Sku: components["schemas"]["Sku"];
        /** @description one of the product's barcodes */
        Barcode: string;
        /** @description the warehouse's code */
        WarehouseCode: string;
        /** @description the location's code (not a `virtual:` one) */
        LocationCode: string;
        /** @description the channel's code */
        ChannelCode: string;
        /** @description the order's id */
        OrderId: number;
        /** @description the fulfillment's id */
        FulfillmentId: number;
        /** @description the wave's id */
        WaveId: number;
        /** @description the pick list's id */
        PickListId: number;
        /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
        IdempotencyKey: string;
        /** @description only locations of this type */
        LocationTypeFilter: components["schemas"]["LocationType"];
        /** @description only orders in this status */
        OrderStatusFilter: components["schemas"]["OrderStatus"];
        /** @description only orders of this channel */
        ChannelFilter: string;
        /** @description only events with `seq` greater than this; poll with `after=next_after` */
        After: number;
        /** @description the supplier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
        SupplierCode: string;
        /** @description the purchase order's number */
        PurchaseOrderNumber: string;
        /** @description the task's id */
        TaskId: number;
        /** @description the count's id */
        CountId: number;
        /** @description the return's id */
        ReturnId: number;
        /** @description the box's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
        BoxCode: string;
        /** @description the carrier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
        CarrierCode: string;
        /** @description which document */
        DocumentKind: "packing-slip" | "label";
        /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
        WarehouseFilter: string;
        /** @description only purchase orders in this status */
        PurchaseOrderStatusFilter: components["schemas"]["PurchaseOrderStatus"];
        /** @description only tasks in this status */
        TaskStatusFilter: components["schemas"]["TaskStatus"];
        /** @description only tasks of this type */
        TaskTypeFilter: components["schemas"]["TaskType"];
        /** @description only tasks assigned to this worker (token name) */
        AssignedToFilter: string;
        /** @description only counts in this status */
        CountStatusFilter: components["schemas"]["CountStatus"];
        /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
        ReportFrom: string;
        /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
        ReportTo: string;
        /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
        ReportFormat: "json" | "csv";
    };
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before sending the request again (the server sends `1`). A client should wait at least this long, add some jitter, and give up after a few attempts. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the service is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ServerFull"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the database answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            /** @description the database is unreachable (`not_ready`); or, as a problem document, the server cannot answer now (`server_busy`, `too_many_connections`, `shutting_down`) */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, unknown>;
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ServerFull"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
                /** @description SKU prefix or a part of the name (any case) */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of products */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_sku`: no such product */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductInput"];
            };
        };
        responses: {
            /** @description the product was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            /** @description the product was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `invalid_state`: a barcode belongs to another product */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getProductByBarcode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description one of the product's barcodes */
                barcode: components["parameters"]["Barcode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the product */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_sku` or `not_found`: no product has this barcode */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listWarehouses: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the warehouses */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WarehouseList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getWarehouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the warehouse */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Warehouse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertWarehouse: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WarehouseInput"];
            };
        };
        responses: {
            /** @description the warehouse was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Warehouse"];
                };
            };
            /** @description the warehouse was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Warehouse"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    generateLayout: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LayoutInput"];
            };
        };
        responses: {
            /** @description the locations were made */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LayoutResult"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `layout_exists`: the layout generator would overwrite existing locations */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listLocations: {
        parameters: {
            query?: {
                /** @description only locations of this type */
                type?: components["parameters"]["LocationTypeFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of locations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocationList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertLocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
                /** @description the location's code (not a `virtual:` one) */
                loc: components["parameters"]["LocationCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LocationInput"];
            };
        };
        responses: {
            /** @description the location was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Location"];
                };
            };
            /** @description the location was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Location"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `location_not_empty`: a location change that its stock forbids */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    createAdjustment: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustmentInput"];
            };
        };
        responses: {
            /** @description the stock was adjusted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Adjustment"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `insufficient_stock`: a negative adjustment larger than the unallocated, unreserved stock there */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_sku`, `unknown_warehouse`, `unknown_location`, `lot_required` (a lot-tracked product without a lot) or `lot_expiry_mismatch` (a lot given with an expiry other than the one it has) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getInventory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the product's stock; `on_hand` counts allocatable locations, `available = on_hand − allocated` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inventory"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_sku`: no such product */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listMoves: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of moves, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoveList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_sku`: no such product */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listChannels: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the channels */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the channel's code */
                code: components["parameters"]["ChannelCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChannelInput"];
            };
        };
        responses: {
            /** @description the channel was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description the channel was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description only orders in this status */
                status?: components["parameters"]["OrderStatusFilter"];
                /** @description only orders of this channel */
                channel?: components["parameters"]["ChannelFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
                /** @description an order id, the start of a channel order id, or a customer's e-mail */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of orders, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderInput"];
            };
        };
        responses: {
            /** @description an identical replay: the order made before */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description the order was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `idempotency_conflict`: a replay of `(channel, channel_order_id)` or of an `Idempotency-Key` with a different body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_channel` or `unknown_sku` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the order's id */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_order`: no such order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the order's id */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cancelled order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_order`: no such order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: something is already picked, or the order is shipped or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    holdOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the order's id */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HoldInput"];
            };
        };
        responses: {
            /** @description the order, on hold */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_order`: no such order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: a fulfillment of the order is in a wave, or the order is done */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    releaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the order's id */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the released order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_order`: no such order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the order is not on hold */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getFulfillment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the fulfillment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fulfillment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    packFulfillment: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PackInput"];
            };
        };
        responses: {
            /** @description the packed fulfillment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fulfillment"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the fulfillment is not picked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_sku`, `pack_mismatch` (the packages do not hold exactly what was picked), `unknown_box` (not in the box catalogue) or `weight_mismatch` (the scale disagrees with the contents; `field` names the package's `weight_g`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    shipFulfillment: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShipInput"];
            };
        };
        responses: {
            /** @description the shipped fulfillment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fulfillment"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the fulfillment is not packed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. `service` without `carrier`), `package_without_box` (rating needs the package's box), `unknown_service` (the carrier has no such service), `no_service` (no configured service carries the packages there), `no_service_in_time` (none delivers by `deliver_by`; the detail names the earliest delivery) or `mixed_currencies` (the services in time quote in several currencies) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    deliverFulfillment: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the delivered fulfillment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Fulfillment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the fulfillment is not shipped */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listWaves: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        waves: components["schemas"]["Wave"][];
                        next_cursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createWave: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WaveInput"];
            };
        };
        responses: {
            /** @description the wave was made */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Wave"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `nothing_to_wave`: no released fulfillment in that warehouse */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getWave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the wave's id */
                id: components["parameters"]["WaveId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the wave */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Wave"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_wave`: no such wave */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getPickList: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the pick list's id */
                id: components["parameters"]["PickListId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the pick list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_pick_list`: no such pick list */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    confirmPick: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the pick list's id */
                id: components["parameters"]["PickListId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PickInput"];
            };
        };
        responses: {
            /** @description the pick list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickList"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_pick_list`: no such pick list */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the pick list or line is no longer open */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `wrong_location` or `wrong_product` (the scan does not match the pick list), or `over_pick` (more picked than is open on the line) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    reportShort: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the pick list's id */
                id: components["parameters"]["PickListId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShortInput"];
            };
        };
        responses: {
            /** @description the pick list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickList"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_pick_list`: no such pick list */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the line is no longer open */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. an unknown `line_id`, or more found than is open) or `over_pick` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description only events with `seq` greater than this; poll with `after=next_after` */
                after?: components["parameters"]["After"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description only this subject's events, e.g. order:42 */
                subject?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description events after `after`, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listSuppliers: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of suppliers, by code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertSupplier: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the supplier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["SupplierCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierInput"];
            };
        };
        responses: {
            /** @description the supplier was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Supplier"];
                };
            };
            /** @description the supplier was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Supplier"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it (`code` for a code outside `A-Z a-z 0-9 . _ -`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listPurchaseOrders: {
        parameters: {
            query?: {
                /** @description only purchase orders in this status */
                status?: components["parameters"]["PurchaseOrderStatusFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of purchase orders, by number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createPurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderInput"];
            };
        };
        responses: {
            /** @description the purchase order was created, `open` */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `purchase_order_exists`: the number is taken (a purchase order is never replaced) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_supplier`, `unknown_warehouse` or `unknown_sku` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the purchase order's number */
                number: components["parameters"]["PurchaseOrderNumber"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the purchase order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_purchase_order`: no such purchase order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    closePurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the purchase order's number */
                number: components["parameters"]["PurchaseOrderNumber"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the closed purchase order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_purchase_order`: no such purchase order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `purchase_order_closed`: it is already closed or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    cancelPurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the purchase order's number */
                number: components["parameters"]["PurchaseOrderNumber"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cancelled purchase order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrder"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_purchase_order`: no such purchase order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: only an `open` purchase order (nothing received) can be cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    receive: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the purchase order's number */
                number: components["parameters"]["PurchaseOrderNumber"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiptInput"];
            };
        };
        responses: {
            /** @description the receipt, with the purchase order after it */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_purchase_order`: no such purchase order */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `purchase_order_closed` (the purchase order or the line is closed or cancelled), `over_receipt` (more than expected plus the supplier's tolerance) or `invalid_state` (the warehouse has no receiving, or quarantine, location) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (no product named, no quantity, a `lot`/`expiry`/`sku` that disagrees with the scan, …), `invalid_gs1` (a malformed GS1 element string), `invalid_check_digit` (a wrong GS1 check digit in AI 00, 01 or 02), `unknown_sku` (nothing known by the scan), `not_on_purchase_order`, `unknown_location`, `wrong_location_type`, `lot_required` or `lot_expiry_mismatch` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description only tasks in this status */
                status?: components["parameters"]["TaskStatusFilter"];
                /** @description only tasks of this type */
                type?: components["parameters"]["TaskTypeFilter"];
                /** @description only tasks assigned to this worker (token name) */
                assigned_to?: components["parameters"]["AssignedToFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of tasks, by id */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createMoveTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveTaskInput"];
            };
        };
        responses: {
            /** @description the move task, `open` */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `insufficient_stock` (fewer free units at the source), `location_full` or `location_occupied` (the named destination has no room) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. a `type` other than `move`), `unknown_warehouse`, `unknown_sku`, `unknown_location` or `wrong_location_type` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    nextTask: {
        parameters: {
            query: {
                /** @description the warehouse's code */
                warehouse: string;
                /** @description comma-separated task types to consider, e.g. `putaway,replenishment`; default all */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task, or `{"task": null}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NextTask"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `invalid_field` (no `warehouse`, an unknown `type`) or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the task's id */
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_task`: no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    claimTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the task's id */
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task, `in_progress` for the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_task`: no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `task_taken` (another worker holds it) or `invalid_state` (it is done or cancelled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    completeTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the task's id */
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskCompletion"];
            };
        };
        responses: {
            /** @description the task, `done` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_task`: no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `task_taken`, `invalid_state`, `location_full` (volume, weight or the pick face's maximum) or `location_occupied` (it holds another product, or is another product's pick face) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. `quantity` above the task's), `wrong_task_type` (pick and count tasks finish through their pick list or count), `unknown_location` or `wrong_location_type` (not a pick or storage location, or where the units already are); `wrong_zone` (the product's storage zone is another) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    cancelTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the task's id */
                id: components["parameters"]["TaskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the cancelled task */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_task`: no such task */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: it is done or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `wrong_task_type`: pick and count tasks end with their pick list or count */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listPickFaces: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the pick faces, by location */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickFaceList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    setPickFace: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
                /** @description the location's code (not a `virtual:` one) */
                loc: components["parameters"]["LocationCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PickFaceInput"];
            };
        };
        responses: {
            /** @description the pick face */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PickFace"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_warehouse` or `unknown_location` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `location_occupied`: the location holds another product */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. `min_quantity` not below `max_quantity`), `unknown_sku` or `wrong_location_type` (not a `pick` location) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    planReplenishment: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplenishmentInput"];
            };
        };
        responses: {
            /** @description the tasks made (possibly none) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskBatch"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_warehouse` or `unknown_sku` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    planCounts: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountPlanInput"];
            };
        };
        responses: {
            /** @description the counts opened */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountPlan"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listCounts: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description only counts in this status */
                status?: components["parameters"]["CountStatusFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of counts, by id; blind unless the caller is a manager or admin */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    createCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountInput"];
            };
        };
        responses: {
            /** @description the count, `open`, with its count task */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `count_open`: a count of that location is open */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_warehouse` or `unknown_location` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    submitCountAtLocation: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountSubmissionInput"];
            };
        };
        responses: {
            /** @description the count after the submission (blind unless manager or admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `not_in_plan` (no count of that location is open) or `invalid_state`, `count_conflicts_with_picks` (the loss would take units open pick lines reserve there: confirm or short them first) or `count_conflicts_with_allocations` (the loss is allocated to orders already in waves) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. a sku and lot listed twice), `unknown_sku`, `lot_required`, `unknown_warehouse` or `unknown_location` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getCount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the count's id */
                id: components["parameters"]["CountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the count; blind (no `expected`, `variance`) unless the caller is a manager or admin */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_count`: no such count */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    startCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the count's id */
                id: components["parameters"]["CountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the count, `counting` (blind) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_count`: no such count */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the count is not open, counting or recount */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    submitCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the count's id */
                id: components["parameters"]["CountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountSubmitInput"];
            };
        };
        responses: {
            /** @description the count after the submission (blind unless manager or admin) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_count`: no such count */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`, `count_conflicts_with_picks` (the loss would take units open pick lines reserve there: confirm or short them first) or `count_conflicts_with_allocations` (the loss is allocated to orders already in waves) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `wrong_location` (the scanned location is not the count's), `invalid_field` (e.g. a sku and lot listed twice), `unknown_sku`, `lot_required` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    approveCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the count's id */
                id: components["parameters"]["CountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the count, `approved` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_count`: no such count */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`, `count_conflicts_with_picks` (the loss would take units open pick lines reserve there: confirm or short them first) or `count_conflicts_with_allocations` (the loss is allocated to orders already in waves); `invalid_state` when it does not need approval */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    rejectCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the count's id */
                id: components["parameters"]["CountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the count, `rejected`; the record stands */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Count"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_count`: no such count */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the count does not need approval */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listReturns: {
        parameters: {
            query: {
                /** @description the order's id */
                order_id: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the order's returns, oldest first (none for an unknown order) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`: `order_id` is missing or not a positive integer */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    authorizeReturn: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReturnInput"];
            };
        };
        responses: {
            /** @description the return, `authorized` */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Return"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (e.g. a line not on the order, a sku on several lines), `unknown_order`, `unknown_sku` or `return_exceeds_shipped` (more than was shipped, less what other returns already authorised) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getReturn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the return's id */
                id: components["parameters"]["ReturnId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the return */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Return"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_return`: no such return */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    receiveReturn: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the return's id */
                id: components["parameters"]["ReturnId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReturnReceiveInput"];
            };
        };
        responses: {
            /** @description the return */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Return"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_return`: no such return */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the return is closed or cancelled, or the warehouse has no receiving location */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_sku`, `not_on_return`, `return_exceeds_authorized`, `unknown_location` or `wrong_location_type` (not a receiving location) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    inspectReturn: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the return's id */
                id: components["parameters"]["ReturnId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReturnInspectInput"];
            };
        };
        responses: {
            /** @description the return; `closed` once every authorised unit is received and inspected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Return"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_return`: no such return */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state` (the return is closed or cancelled, or the warehouse lacks a receiving or quarantine location), `location_full` or `location_occupied` (the restock location) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field` (an unknown disposition, a restock without location), `unknown_sku`, `not_on_return`, `exceeds_received` (more than awaits inspection), `unknown_location` or `wrong_location_type` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listBoxes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the boxes, by code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BoxList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertBox: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the box's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["BoxCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BoxInput"];
            };
        };
        responses: {
            /** @description the box was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Box"];
                };
            };
            /** @description the box was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Box"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listCarriers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the carriers, by code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarrierList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getCarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the carrier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["CarrierCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the carrier */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Carrier"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_carrier`: no such carrier */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    upsertCarrier: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the carrier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["CarrierCode"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CarrierInput"];
            };
        };
        responses: {
            /** @description the carrier was updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Carrier"];
                };
            };
            /** @description the carrier was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Carrier"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it by its full path, e.g. `services[0].zones[1].rates[2].max_weight_g` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getManifest: {
        parameters: {
            query?: {
                /** @description the UTC day: `YYYY-MM-DD` or an RFC 3339 time in it; default today */
                date?: string;
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
            };
            header?: never;
            path: {
                /** @description the carrier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["CarrierCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the manifest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Manifest"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_carrier`: no such carrier */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_field` (a malformed `date`) or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    quoteRates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteInput"];
            };
        };
        responses: {
            /** @description the quotes and the best one */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteResult"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`; and for `best`: `no_service` (with `deliver_by`, no service carries it), `no_service_in_time` (none delivers by `deliver_by`; the detail names the earliest delivery) or `mixed_currencies` (the quotes in time are in several currencies) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    suggestCarton: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the suggestion */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CartonAdvice"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_field`: a product of the fulfillment has no size or weight (`field` names it, e.g. `items[0].length_mm`) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    recordTrackingEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description makes the request safe to retry: a replay with the same key and body gets the first answer; the same key with a different body is `409 idempotency_conflict` */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TrackingEventInput"];
            };
        };
        responses: {
            /** @description the event was recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackingEventResult"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_fulfillment`: no such fulfillment */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the fulfillment has not shipped, or is delivered (only `exception` is taken then) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`: a field is missing, of the wrong type or out of range; `field` names it */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    getFulfillmentDocument: {
        parameters: {
            query?: {
                /** @description `pdf` or, for a label, `zpl` */
                format?: "pdf" | "zpl";
                /** @description which package's label, 1-based */
                package?: number;
            };
            header?: never;
            path: {
                /** @description the fulfillment's id */
                id: components["parameters"]["FulfillmentId"];
                /** @description which document */
                kind: components["parameters"]["DocumentKind"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the document: `packing-slip` is an A4 PDF; `label` a 4×6 inch label as PDF or ZPL, with the tracking number as Code 128 and the package's SSCC as GS1-128 */
            200: {
                headers: {
                    /** @description `inline; filename="…"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "application/zpl": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_fulfillment`, `unknown_package` (past the last package) or `not_found` (another `kind`) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `not_packed` (the fulfillment is not packed yet) or `not_shipped` (a label needs the carrier and tracking number: ship first) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_field`: `format` other than `pdf`/`zpl` (a packing slip is only `pdf`), `package` not a positive integer, or data that cannot be printed faithfully */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            /** @description `render_failed`: the renderer failed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getPickListDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the pick list's id */
                id: components["parameters"]["PickListId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description an A4 PDF of the open lines in walking order, with the pick-list id, locations and product barcodes as barcodes */
            200: {
                headers: {
                    /** @description `inline; filename="…"` */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_pick_list`: no such pick list */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_field`: data that cannot be printed faithfully */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            /** @description `render_failed`: the renderer failed */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportInventoryAccuracy: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description accuracy per day and in total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventoryAccuracyReport"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field` (a malformed `from`/`to`, or `from` not before `to`) or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportShrinkage: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description shrinkage by SKU, location and reason, and per day */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShrinkageReport"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field` (a malformed `from`/`to`, or `from` not before `to`) or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportProductivity: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description per worker and task type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductivityReport"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field` (a malformed `from`/`to`, or `from` not before `to`) or `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    adviseSlotting: {
        parameters: {
            query?: {
                /** @description the period whose pick lines give each product's velocity */
                days?: number;
                /** @description at most this many moves in the plan (a swap is two) */
                max_moves?: number;
                /** @description how the target slotting is chosen; auto = velocity */
                method?: "auto" | "velocity" | "abc" | "cube_per_order";
            };
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the advice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlottingAdvice"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse`: no such warehouse */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_state`: the warehouse has no packing location to walk from */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description `invalid_field` (days, max_moves) or `unsupported_method` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getDemandHistory: {
        parameters: {
            query: {
                /** @description the product */
                sku: string;
                /** @description only the units this warehouse's fulfillments were given */
                warehouse?: string;
                /** @description only this channel's orders */
                channel?: string;
                /** @description history length in UTC days, ending yesterday */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemandHistory"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field` (sku missing, days), `unknown_sku`, `unknown_warehouse`, `unknown_channel` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getDemandForecast: {
        parameters: {
            query: {
                /** @description the product */
                sku: string;
                /** @description only the units this warehouse's fulfillments were given */
                warehouse?: string;
                /** @description only this channel's orders */
                channel?: string;
                /** @description history length in UTC days, ending yesterday */
                days?: number;
                /** @description days to forecast */
                horizon?: number;
                model?: "auto" | "ses" | "holt" | "holt_winters" | "croston" | "sba" | "tsb" | "seasonal_naive";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the forecast */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemandForecast"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_sku`, `unknown_warehouse`, `unknown_channel`, and the forecaster's `empty_series`, `series_too_short`, `unknown_model` (field `days` when the history is too short) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportOrders: {
        parameters: {
            query?: {
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description only this channel's orders */
                channel?: string;
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the KPIs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderKpis"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field` (from, to), `unknown_channel` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the token's principal */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthorized"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ServerFull"];
        };
    };
    getTracking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the order's tracking_token */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the tracking view */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrackingView"];
                };
            };
            /** @description `not_found` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportDashboard: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the dashboard */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    putSupplierProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the supplier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["SupplierCode"];
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierProductInput"];
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierProduct"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierProduct"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_supplier` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_sku` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    deleteSupplierProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the supplier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["SupplierCode"];
                /** @description the product's SKU */
                sku: components["parameters"]["Sku"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        supplier: string;
                        sku: string;
                        deleted: boolean;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `unknown_supplier`, `unknown_supplier_product` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    listSupplierProducts: {
        parameters: {
            query?: {
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description the supplier's code (1–64 characters of `A-Z a-z 0-9 . _ -`) */
                code: components["parameters"]["SupplierCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description by SKU */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        products: components["schemas"]["SupplierProduct"][];
                        next_cursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_supplier` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    refreshForecasts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    warehouse: string;
                    /** @default 180 */
                    history_days?: number;
                    /** @default 56 */
                    horizon?: number;
                    threads?: number;
                };
            };
        };
        responses: {
            /** @description what was kept */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForecastRefresh"];
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `refresh_running` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    reorderSuggestions: {
        parameters: {
            query: {
                /** @description the warehouse to plan */
                warehouse: string;
                /** @description only this supplier's products (bought from it even when it is not their first choice) */
                supplier?: string;
                /** @description s_S (default), s_Q or R_S */
                policy?: "s_S" | "s_Q" | "R_S";
                /** @description review period R in days (R_S needs at least 1) */
                review_days?: number;
                /** @description target for every product (else by ABC class: A 0.98, B 0.95, C 0.90) */
                service_level?: number;
                /** @description cycle_service_level (default) or fill_rate */
                service_measure?: "cycle_service_level" | "fill_rate";
                /** @description cost of ordering one line, for the EOQ */
                ordering_cost_minor?: number;
                /** @description yearly holding cost as a share of unit cost (default 0.25) */
                holding_rate?: number;
                /** @description days of history for forecasts fitted now and for ABC (default 180) */
                history_days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the suggestions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReorderSuggestions"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_warehouse`, `unknown_supplier` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    purchaseFromSuggestion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    warehouse: string;
                    policy?: string | number;
                    review_days?: string | number;
                    service_level?: string | number;
                    service_measure?: string | number;
                    ordering_cost_minor?: string | number;
                    holding_rate?: string | number;
                    history_days?: string | number;
                    supplier: string;
                    /** @description the purchase order's number; generated when absent (PO-<yyyymmdd>-<supplier>-<n>) */
                    number?: string;
                };
            };
        };
        responses: {
            /** @description the purchase order and the suggestion it came from */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        purchase_order: components["schemas"]["PurchaseOrder"];
                        suggestion: components["schemas"]["SupplierSuggestion"];
                    };
                };
            };
            400: components["responses"]["MalformedJson"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description `purchase_order_exists` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            /** @description `invalid_field`, `unknown_warehouse`, `unknown_supplier`, `nothing_to_order` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["WriteUnavailable"];
        };
    };
    reportThroughput: {
        parameters: {
            query?: {
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                bucket?: "hour" | "day";
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the buckets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Throughput"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportSales: {
        parameters: {
            query?: {
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                group?: "day" | "channel" | "sku";
                /** @description only orders of this channel */
                channel?: components["parameters"]["ChannelFilter"];
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sales"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_channel` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportSpace: {
        parameters: {
            query: {
                warehouse: string;
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the zones */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Space"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    reportDockToStock: {
        parameters: {
            query?: {
                /** @description start of the window, inclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default `to` minus 30 days */
                from?: components["parameters"]["ReportFrom"];
                /** @description end of the window, exclusive: RFC 3339 time or `YYYY-MM-DD` (midnight UTC); default now */
                to?: components["parameters"]["ReportTo"];
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                /** @description csv: the report's rows as an RFC 4180 attachment (nested fields as dotted columns) */
                format?: components["parameters"]["ReportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the times */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DockToStock"];
                    "text/csv": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    forecastBottlenecks: {
        parameters: {
            query: {
                warehouse: string;
                /** @description the shift from now (default 8) */
                hours?: number;
                /** @description pickers on shift for those hours (default 0) */
                pickers?: number;
                /** @description packers on shift (default 0) */
                packers?: number;
                /** @description loaders on shift; absent: loading is only a delay */
                loaders?: number;
                /** @description carrier pickups, comma-separated: RFC 3339 times, or HH:MM (UTC) for a daily pickup at each such time within the hours; absent: shipped when loaded */
                pickups?: string;
                /** @description days of pick tasks to measure pick time from (default 30) */
                history_days?: number;
                /** @description random seed (default 1): the same query on the same data gives the same answer */
                seed?: number;
                /** @description override the pick time */
                pick_per_order_ms?: number;
                pick_per_unit_ms?: number;
                /** @description override the pack time (default 60000) */
                pack_per_order_ms?: number;
                /** @description (default 5000) */
                pack_per_unit_ms?: number;
                /** @description override the ship time (default 30000) */
                ship_per_order_ms?: number;
                ship_per_unit_ms?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the forecast */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BottleneckForecast"];
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `invalid_field`, `unknown_warehouse` */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    listFulfillments: {
        parameters: {
            query?: {
                /** @description only this warehouse (its code); an unknown code is `422 unknown_warehouse` */
                warehouse?: components["parameters"]["WarehouseFilter"];
                status?: "pending" | "released" | "picking" | "picked" | "packed" | "shipped" | "delivered" | "cancelled";
                /** @description page size */
                limit?: components["parameters"]["Limit"];
                /** @description opaque cursor from a previous page's `next_cursor` */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        fulfillments: components["schemas"]["Fulfillment"][];
                        next_cursor: string | null;
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["InvalidQuery"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
    warehouseStock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the warehouse's code */
                code: components["parameters"]["WarehouseCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description by location code; to a counting role every location under an open count is listed with `hidden` and null figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        warehouse: string;
                        locations: {
                            location: string;
                            on_hand: number | null;
                            reserved: number | null;
                            products: number | null;
                            top_sku: string | null;
                            used_cm3: number | null;
                            max_volume_cm3: number | null;
                            hidden?: components["schemas"]["Hidden"];
                        }[];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description `unknown_warehouse` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["HeadersTooLarge"];
            503: components["responses"]["ReadUnavailable"];
        };
    };
}
