using WebhookSignatures.Schemes.Shopify;

namespace WebhookSignatures.Cli.Samples;

/// <summary>Paddle, Square, Shopify and HubSpot: each sender's events, with bodies shaped as the sender writes them.</summary>
internal static partial class SampleEvents
{
    /// <summary>Paddle Billing notifications: <c>event_id</c>, <c>event_type</c>, <c>occurred_at</c> and the entity in <c>data</c>.</summary>
    private static SampleEvent[] Paddle() =>
    [
        new("transaction.completed", (id, at) => PaddleEvent("transaction.completed", id, at, $$$"""{"id":"txn_{{{Json(WithoutPrefix("evt_", id))}}}","status":"completed","customer_id":"ctm_01hv8wt8nffez4p2t6typn4a5j","currency_code":"EUR","origin":"web","collection_mode":"automatic","billed_at":"{{{Iso(at)}}}","details":{"totals":{"subtotal":"4200","tax":"798","total":"4998","currency_code":"EUR"}},"items":[{"price_id":"pri_01gsz8x8sawmvhz1pv30nge1ke","quantity":1}]}""")),
        new("subscription.created", (id, at) => PaddleEvent("subscription.created", id, at, $$$"""{"id":"sub_{{{Json(WithoutPrefix("evt_", id))}}}","status":"active","customer_id":"ctm_01hv8wt8nffez4p2t6typn4a5j","currency_code":"EUR","billing_cycle":{"interval":"month","frequency":1},"started_at":"{{{Iso(at)}}}","next_billed_at":"{{{Iso(at.AddMonths(1))}}}"}""")),
    ];

    /// <summary>Square notifications: <c>merchant_id</c>, <c>type</c>, <c>event_id</c> and the object in <c>data.object</c>.</summary>
    private static SampleEvent[] Square() =>
    [
        new("payment.created", (id, at) => SquareEvent("payment.created", id, at, "APPROVED")),
        new("payment.updated", (id, at) => SquareEvent("payment.updated", id, at, "COMPLETED")),
    ];

    /// <summary>Shopify topics: the resource as the body, the topic and ids in headers.</summary>
    private static SampleEvent[] Shopify() =>
    [
        new("orders/create", (id, at) => ShopifyEvent("orders/create", id, at, $$$"""{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","email":"jon@example.com","created_at":"{{{Iso(at)}}}","currency":"EUR","financial_status":"paid","name":"#1001","total_price":"42.00","line_items":[{"id":866550311766439020,"title":"Webhook mug","quantity":1,"price":"42.00"}]}""")),
        new("app/uninstalled", (id, at) => ShopifyEvent("app/uninstalled", id, at, """{"id":548380009,"name":"Acme store","email":"owner@example.com","domain":"acme.myshopify.com","myshopify_domain":"acme.myshopify.com"}""")),
    ];

    /// <summary>HubSpot batches up to 100 events in one JSON array; each names its <c>subscriptionType</c>.</summary>
    private static SampleEvent[] HubSpot() =>
    [
        new("contact.creation", (id, at) => HubSpotEvent(id, at, """subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW" """)),
        new("contact.propertyChange", (id, at) => HubSpotEvent(id, at, """subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"email","propertyValue":"ada@example.com","changeSource":"CRM" """)),
    ];

    private static SampleDelivery PaddleEvent(string type, string id, DateTimeOffset at, string data) => new(
        Utf8($$$"""{"event_id":"{{{Json(WithPrefix("evt_", id))}}}","event_type":"{{{type}}}","occurred_at":"{{{Iso(at)}}}","notification_id":"ntf_{{{Json(WithoutPrefix("evt_", id))}}}","data":{{{data}}}}"""),
        []);

    private static SampleDelivery SquareEvent(string type, string id, DateTimeOffset at, string status) => new(
        Utf8($$$$"""{"merchant_id":"6SSW7HV8K2ST5","type":"{{{{type}}}}","event_id":"{{{{Json(id)}}}}","created_at":"{{{{Iso(at)}}}}","data":{"type":"payment","id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","object":{"payment":{"id":"KkAkhdMsgzn59SM8A89WgKwekxLZY","amount_money":{"amount":4200,"currency":"EUR"},"status":"{{{{status}}}}","source_type":"CARD","location_id":"S8GWD5R9QB376","order_id":"03O3USaPaAaFnI6kkwB1JxGgBsUZY","created_at":"{{{{Iso(at)}}}}","updated_at":"{{{{Iso(at)}}}}"}}}""" + "}"),
        []);

    private static SampleDelivery ShopifyEvent(string topic, string id, DateTimeOffset at, string body) => new(
        Utf8(body),
        [
            new(ShopifySignature.TopicHeaderName, topic),
            new(ShopifySignature.WebhookIdHeaderName, id),
            new("X-Shopify-Shop-Domain", "acme.myshopify.com"),
            new("X-Shopify-API-Version", "2024-07"),
            new("X-Shopify-Triggered-At", Iso(at)),
        ]);

    private static SampleDelivery HubSpotEvent(string id, DateTimeOffset at, string fields) => new(
        Utf8($$$"""[{"eventId":1,"subscriptionId":12345,"portalId":62515,"appId":54321,"occurredAt":{{{Ms(at)}}},"{{{fields.TrimEnd()}}},"sourceId":"{{{Json(id)}}}"}]"""),
        []);
}
