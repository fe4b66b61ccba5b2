/** Storefront home: what the experience is and how booking works. */
export default function HomePage() {
  return (
    <>
      <section className="hero">
        <h1>Hibachi night, cooked at your home</h1>
        <p>
          A private chef brings the grill, the ingredients and the show to your backyard or patio. You bring the guests.
        </p>
      </section>
      <section aria-labelledby="how-it-works">
        <h2 id="how-it-works">How it works</h2>
        <ol className="steps">
          <li>
            <h3>Pick a date and time</h3>
            <p>See which evenings are free and choose a start time that suits your party.</p>
          </li>
          <li>
            <h3>Tell us about your party</h3>
            <p>Adults, children and the proteins they love: chicken, steak, shrimp, salmon or tofu.</p>
          </li>
          <li>
            <h3>Enjoy the show</h3>
            <p>Your chef arrives early, sets up, cooks in front of your guests and leaves the space clean.</p>
          </li>
        </ol>
      </section>
    </>
  )
}
