/**
 * Why: the sandbox shop's online-store pages in English — the kind of pages real shops have (about, size and
 * care guides, stores, gift cards, repairs…), each with its own facts and voice, so questions have to be
 * answered from the right page and not from whichever page repeats a word most.
 */
const h = (title: string) => `<h2>${title}</h2>`;
const p = (...sentences: string[]) => `<p>${sentences.join(" ")}</p>`;
const ul = (...items: string[]) => `<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;

export interface PageText {
  title: string;
  body: string;
}

export const PAGES_EN: Record<string, PageText> = {
  "about-us": {
    title: "About us",
    body:
      p(
        "Harbor & Field started in 2014 as a market stall in Hamburg's Schanzenviertel, selling linen shirts that Lena sewed at her kitchen table.",
        "Today we are a team of 38 people designing clothing, homeware, outdoor gear and natural skincare that is made to be used for years.",
      ) +
      p(
        "We work with 14 family-run workshops in Portugal, Lithuania, Italy and Germany, and we visit each of them at least once a year.",
        "Everything we make is tested by our team for a full season before it goes on sale.",
      ) +
      p("We are a certified B Corporation since 2022 and we publish our supplier list on our sustainability page."),
  },
  "size-guide": {
    title: "Size guide",
    body:
      h("Tops, shirts and knitwear") +
      p(
        "Our tops follow EU sizing. XS fits a chest of 82–86 cm, S 87–92 cm, M 93–98 cm, L 99–105 cm, XL 106–112 cm and XXL 113–120 cm.",
        "Shirts labelled “relaxed fit” are cut generously; if you are between two sizes, take the smaller one.",
      ) +
      h("Trousers and jeans") +
      p(
        "Trousers are sized by waist: S fits 72–77 cm, M 78–83 cm, L 84–90 cm, XL 91–97 cm. Inside leg is 81 cm for regular and 86 cm for long lengths.",
        "Our linen trousers have an elasticated drawstring waist and run slightly large.",
      ) +
      h("Shoes and boots") +
      p(
        "Footwear comes in EU sizes 36 to 46. Hiking boots are made on a roomy last for thick socks, so most customers take their usual size; if you have narrow feet, consider half a size smaller.",
      ) +
      h("How to measure") +
      p(
        "Measure your chest at the fullest point, your waist at the narrowest point and your inside leg from crotch to ankle. Keep the tape measure snug but not tight.",
      ),
  },
  "care-guide": {
    title: "Care guide",
    body:
      h("Linen") +
      p(
        "Linen gets softer with every wash. Machine wash at 30 °C on a gentle cycle with similar colours, and dry on the line.",
        "Iron while still slightly damp, or simply enjoy the natural creases. Avoid the tumble dryer, which can shrink linen by up to 3%.",
      ) +
      h("Merino wool and cashmere") +
      p(
        "Wool rarely needs washing: air it overnight instead. When needed, hand wash cold with wool detergent or use the wool programme of your machine, then dry flat.",
        "Store folded, never on hangers, and use cedar blocks against moths.",
      ) +
      h("Organic cotton") +
      p("Cotton can be washed at 40 °C. Turn prints and dark colours inside out to keep them bright.") +
      h("Leather") +
      p(
        "Wipe leather with a damp cloth and treat it with leather balm twice a year. Let wet leather dry slowly, away from radiators.",
      ) +
      h("Down jackets") +
      p(
        "Wash down jackets rarely, on a gentle cycle with down wash, and tumble dry on low heat with three clean tennis balls to restore the loft.",
      ),
  },
  "shipping-zones": {
    title: "Delivery times and costs",
    body:
      p(
        "Here is an overview of where we deliver, how long it takes and what it costs. The shipping policy has the full details.",
      ) +
      ul(
        "Germany: 2–4 business days, €4.95, free over €75; express 1–2 days for €9.95",
        "EU countries: 3–7 business days, €9.95, free over €120",
        "United Kingdom, Switzerland, Norway: 4–8 business days, €14.95",
        "United States and Canada: 6–10 business days, €19.95, free over €200",
      ) +
      p("Orders placed before 2 pm CET on business days leave our warehouse the same day."),
  },
  stores: {
    title: "Our stores",
    body:
      h("Hamburg") +
      p(
        "Schulterblatt 58, 20357 Hamburg. Open Monday to Saturday, 10 am to 7 pm. Our flagship store, with the full homeware range and a repair corner.",
      ) +
      h("Berlin") +
      p("Torstraße 112, 10119 Berlin-Mitte. Open Monday to Saturday, 11 am to 8 pm.") +
      h("Munich") +
      p("Klenzestraße 41, 80469 Munich. Open Monday to Friday, 10 am to 7 pm, and Saturday, 10 am to 6 pm.") +
      p(
        "All stores are closed on Sundays and public holidays. Online returns can be brought to any store; we refund them on the spot.",
      ),
  },
  contact: {
    title: "Contact us",
    body:
      p(
        "The quickest way to reach us is by email at hello@harbor-field.example; we reply within one business day.",
        "You can also call us on +49 40 3861 2290, Monday to Friday from 9 am to 6 pm CET.",
      ) +
      p(
        "For questions about an existing order, please include your order number. Press and wholesale enquiries have their own pages.",
      ),
  },
  sustainability: {
    title: "Sustainability",
    body:
      p(
        "We use certified organic cotton (GOTS), European flax linen, mulesing-free merino and recycled polyester for technical fabrics.",
        "92% of our products are made in Europe.",
      ) +
      p(
        "Our parcels are made from recycled cardboard and paper tape, without any plastic. We offset the emissions of every shipment through a Gold Standard project.",
      ) +
      p("Each year we publish our full list of suppliers, with their addresses and the audits we ran."),
  },
  materials: {
    title: "Our materials",
    body:
      h("Linen") +
      p(
        "Our linen is woven in Lithuania from flax grown in France and Belgium. It is breathable, strong and needs far less water than cotton.",
      ) +
      h("Merino") +
      p(
        "Our merino comes from farms in Uruguay and South Africa certified to the Responsible Wool Standard. It regulates temperature and rarely smells.",
      ) +
      h("Organic cotton") +
      p("Grown without synthetic pesticides and certified by GOTS from the field to the finished garment.") +
      h("Recycled polyester") +
      p(
        "Used for rain shells and fleece: made from post-consumer plastic bottles, with a PFC-free water-repellent finish.",
      ),
  },
  "gift-cards": {
    title: "Gift cards",
    body:
      p(
        "Our digital gift cards come in values from €25 to €200 and are sent by email, either straight away or on a date you choose.",
        "They are valid for 3 years, can be used online and in our stores, and can be combined with other payment methods.",
      ) +
      p(
        "A gift card cannot be exchanged for cash. If your order costs less than the card's value, the rest stays on the card.",
      ),
  },
  newsletter: {
    title: "Newsletter",
    body: p(
      "Sign up to our newsletter and get 10% off your first order. We write about once a week: new arrivals, stories from our workshops and early access to our seasonal sale.",
      "You can unsubscribe with one click at the bottom of every email.",
    ),
  },
  "click-and-collect": {
    title: "Click & collect",
    body: p(
      "Order online and pick up your order for free at our stores in Hamburg, Berlin or Munich.",
      "Choose “Pick up in store” at checkout. We email you when your order is ready, usually within 2 hours during opening times.",
      "Please bring your order confirmation; we keep collected orders for 7 days.",
    ),
  },
  repairs: {
    title: "Repairs and warranty",
    body:
      p(
        "All our products come with the two-year legal warranty. Outdoor gear (rain jackets, down jackets, backpacks and tents) has an extended 5-year warranty against defects in materials and workmanship.",
      ) +
      p(
        "Torn seam? Broken zip? We repair our own products at cost price: a new zip from €15, seam repairs from €10. Bring the item to our Hamburg store or send it to us with the repair form.",
        "Repairs take about two weeks.",
      ),
  },
  "returns-portal": {
    title: "Returns portal",
    body: p(
      "Start your return here: enter your order number and the email address of your order, choose the items and the reason, and we email you a prepaid label.",
      "Returns are free from Germany; see the refund policy for other countries. You can also bring online orders back to any of our stores.",
    ),
  },
  "payment-methods": {
    title: "Payment methods",
    body:
      p(
        "We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay and Klarna.",
        "With Klarna you can pay 30 days after your order ships, or split the amount into three interest-free instalments.",
      ) + p("All prices include VAT. Your card is charged when you place the order."),
  },
  wholesale: {
    title: "Wholesale",
    body: p(
      "We supply a small number of independent shops and hotels. Minimum first order is €1,500; reorders from €500.",
      "Write to wholesale@harbor-field.example with your shop's name, website and location, and we will send our line sheet and trade prices.",
    ),
  },
  careers: {
    title: "Careers",
    body: p(
      "We are always happy to meet people who care about good products. Open positions are listed here; at the moment we are hiring a store manager for Munich and a warehouse associate in Hamburg.",
      "Send your application to jobs@harbor-field.example.",
    ),
  },
  press: {
    title: "Press",
    body: p(
      "For press samples, images and interviews, contact Mira Hoffmann at press@harbor-field.example. Our press kit with logos and product photos can be downloaded below.",
    ),
  },
  accessibility: {
    title: "Accessibility statement",
    body: p(
      "We want everyone to be able to shop with us. Our store aims to meet WCAG 2.1 level AA; product images have text descriptions and the whole checkout works with a keyboard.",
      "If something is hard to use, tell us at hello@harbor-field.example and we will fix it.",
    ),
  },
  imprint: {
    title: "Imprint",
    body: p(
      "Harbor & Field GmbH, Schulterblatt 58, 20357 Hamburg. Managing directors: Lena Vogt, Jonas Brandt. Commercial register: Hamburg local court, HRB 164522. VAT ID: DE318664120.",
    ),
  },
  "rain-jacket-guide": {
    title: "Choosing a rain jacket",
    body:
      p(
        "A rain jacket's waterproof rating tells you how much water pressure the fabric withstands. 10,000 mm keeps you dry in city rain; for long hikes in the mountains we recommend 20,000 mm.",
      ) +
      p(
        "Breathability matters just as much: look for a rating of at least 15,000 g/m²/24h if you walk uphill.",
        "All our shells have taped seams and a hood that adjusts in three ways.",
      ) +
      p(
        "To keep the membrane working, wash your jacket every few months and refresh the water-repellent finish with a spray-on treatment.",
      ),
  },
  "skincare-ingredients": {
    title: "What goes into our skincare",
    body:
      p(
        "Our skincare is made in small batches in the Black Forest. Every product is vegan, certified cruelty-free by Leaping Bunny and free from parabens, silicones and synthetic fragrance.",
      ) +
      p(
        "Unopened, our creams keep for 24 months; once opened, use them within 6 months (see the open-jar symbol on the label).",
        "If you have sensitive skin, try the fragrance-free range and do a patch test on your inner arm first.",
      ),
  },
  "bedding-sizes": {
    title: "Bedding sizes",
    body:
      p(
        "Our duvet covers come in the German standard sizes 135 × 200 cm, 155 × 220 cm and 200 × 220 cm. Pillowcases are 40 × 80 cm or 80 × 80 cm.",
      ) +
      p(
        "Fitted sheets fit mattresses up to 25 cm deep. Linen bedding may shrink by about 2% in the first wash, which is already included in our sizes.",
      ),
  },
  restocks: {
    title: "Pre-orders and restocks",
    body:
      p(
        "Sold out in your size? Click “Notify me” on the product page and we email you as soon as it is back.",
        "Some items can be pre-ordered: the expected shipping date is shown on the product page, and we charge you only when the item ships.",
      ) + p("Most restocks arrive within 4 to 6 weeks; seasonal pieces sometimes do not come back."),
  },
  workshops: {
    title: "Workshops and events",
    body:
      p(
        "Every first Thursday of the month we host a free mending evening in our Hamburg store: bring a garment with a hole and we show you how to darn it.",
        "Places are limited to 12; sign up at the till or by email.",
      ) + p("In spring and autumn our Berlin store holds indigo dyeing workshops (€45, materials included)."),
  },
};
